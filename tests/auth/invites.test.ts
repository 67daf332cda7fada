import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { createHash } from "node:crypto";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { addMember, createOrganization, removeMember } from "@/lib/orgs/manage-members";
import { acceptInvite, describeInvite, inviteMember, INVITE_TTL_MS, listInvites, revokeInvite } from "@/lib/orgs/invites";
import { settleSignInAudits, signInWithPassword } from "@/lib/auth/sign-in";
import { memberFor, type Member } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";

/**
 * Issue 19 item 1: a user record is never created, claimed or re-passworded through another
 * organisation. Members are invited; the person accepts (decision 032).
 */
const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentMember: async () => session.member,
}));

useTestDatabase();
// failed attempts are audited after the answer: let those writes finish before the database goes
afterAll(settleSignInAudits);
const SYSTEM = { userId: null, apiKeyId: null };
const here = { ip: "192.0.2.10", userAgent: "test" };
let n = 0;
const T = () => new Date(Date.UTC(2026, 10, 2, 10, 0, n++));

async function orgWithAdmin(slug: string) {
  const org = await createOrganization(slug, `Org ${slug}`);
  const { membership } = await addMember(org.id, { email: `admin@${slug}.test`, role: "ADMIN", password: `pw-${slug}-admin` }, SYSTEM);
  return { org, admin: (await memberFor(membership.userId, org.id))! };
}

async function postMember(as: Member, body: unknown) {
  session.member = as;
  const { POST } = await import("@/app/api/v1/admin/members/route");
  const res = await POST(
    new NextRequest("http://spendline.test/api/v1/admin/members", {
      method: "POST",
      // a signed-in write from Spendline's own page (same origin, JSON: the CSRF rule)
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: await res.json() };
}

beforeEach(() => {
  session.member = null;
});

describe("the takeover of issue 19 (org B pre-creates newhire@corp-a.test with a password B knows)", () => {
  test("an organisation's admin cannot set a password: refused with a message, never ignored", async () => {
    const { admin } = await orgWithAdmin("corp-b");
    const r = await postMember(admin, { email: "newhire@corp-a.test", role: "ADMIN", password: "b-knows-this" });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/choose their own password when they accept the invite/);
    expect(await db().user.findUnique({ where: { email: "newhire@corp-a.test" } })).toBeNull();
  });

  test("adding a member creates no user record and no membership: an invite with a link, said so to the admin", async () => {
    const { org, admin } = await orgWithAdmin("corp-b2");
    const r = await postMember(admin, { email: "NewHire2@corp-a.test", role: "VIEWER" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ existing_account: false, invite: { email: "newhire2@corp-a.test", role: "VIEWER", status: "pending" } });
    expect(r.body.accept_url).toMatch(/^http:\/\/spendline\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(r.body.message).toMatch(/Spendline sends no email/);
    expect(await db().user.findUnique({ where: { email: "newhire2@corp-a.test" } })).toBeNull();
    expect(await db().membership.count({ where: { organizationId: org.id } })).toBe(1);
    // only the hash of the link's token is stored
    const token = r.body.accept_url.split("/").pop();
    const row = await db().invite.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await db().invite.findMany())).not.toContain(token);
  });

  test("the whole attack: B's admin gets at most an account B controls; A's invite to that email does not reach B, and A's admin is told", async () => {
    const b = await orgWithAdmin("corp-b3");
    const a = await orgWithAdmin("corp-a3");
    // B invites the victim's address and accepts the link itself, choosing a password
    const bi = await inviteMember(b.org.id, { email: "victim@corp-a3.test", role: "VIEWER" }, { userId: b.admin.userId }, T());
    const squatted = await acceptInvite(bi.token, { signedInUserId: null, password: "b-knows-this" }, here, T());
    await removeMember(b.org.id, squatted.membership.id, { userId: b.admin.userId });
    // A invites the same address as ADMIN: told the account exists; nothing of the account changes
    const r = await postMember(a.admin, { email: "victim@corp-a3.test", role: "ADMIN" });
    expect(r.status).toBe(201);
    expect(r.body.existing_account).toBe(true);
    expect(r.body.message).toMatch(/already has a Spendline account/);
    // B, signed in with its password, has no way into A: no membership until A's link is accepted
    const signedIn = await signInWithPassword("victim@corp-a3.test", "b-knows-this", here, T());
    expect(signedIn.ok).toBe(true);
    expect(await memberFor(squatted.user.id, a.org.id)).toBeNull();
    expect(await db().membership.count({ where: { organizationId: a.org.id } })).toBe(1);
  });
});

describe("accepting", () => {
  test("a new person sets their own password through the link, once", async () => {
    const { org, admin } = await orgWithAdmin("acc-new");
    const inv = await inviteMember(org.id, { email: "fresh@acc.test", role: "FINANCE" }, { userId: admin.userId }, T());
    await expect(acceptInvite(inv.token, { signedInUserId: null, password: "short" }, here, T())).rejects.toThrow(/at least 8/);
    const r = await acceptInvite(inv.token, { signedInUserId: null, name: "Fresh", password: "my-own-password" }, here, T());
    expect(r.createdAccount).toBe(true);
    expect(r.membership.role).toBe("FINANCE");
    expect(await signInWithPassword("fresh@acc.test", "my-own-password", here, T())).toMatchObject({ ok: true });
    // single use
    await expect(acceptInvite(inv.token, { signedInUserId: null, password: "another-password" }, here, T())).rejects.toThrow(
      /already been used/,
    );
    expect((await describeInvite(inv.token))?.status).toBe("accepted");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { organizationId: org.id, action: "member.create", targetId: r.membership.id },
    });
    expect(audit).toMatchObject({ actorUserId: r.user.id, actorIp: "192.0.2.10" });
  });

  test("an existing account accepts only signed in as itself, and its password is never changed", async () => {
    const home = await orgWithAdmin("acc-home");
    const other = await orgWithAdmin("acc-other");
    const { user } = await addMember(home.org.id, { email: "exists@acc.test", role: "VIEWER", password: "original-pw" }, SYSTEM);
    const stranger = await addMember(home.org.id, { email: "stranger@acc.test", role: "VIEWER", password: "stranger-pw" }, SYSTEM);
    const inv = await inviteMember(other.org.id, { email: "exists@acc.test", role: "ADMIN" }, { userId: other.admin.userId }, T());
    expect(inv.existingAccount).toBe(true);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => [e.status, e.message],
      );
    expect(await refusal(acceptInvite(inv.token, { signedInUserId: null }, here, T()))).toEqual([
      401,
      expect.stringMatching(/sign in with it first/),
    ]);
    expect(await refusal(acceptInvite(inv.token, { signedInUserId: stranger.user.id }, here, T()))).toEqual([
      403,
      expect.stringMatching(/sign in as exists@acc.test/),
    ]);
    expect(await refusal(acceptInvite(inv.token, { signedInUserId: user.id, password: "new-pw-123" }, here, T()))).toEqual([
      400,
      expect.stringMatching(/not changed/),
    ]);
    const r = await acceptInvite(inv.token, { signedInUserId: user.id }, here, T());
    expect(r.createdAccount).toBe(false);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    // two memberships: the switcher chooses, the membership is checked
    expect((await memberFor(user.id, other.org.id))?.role).toBe("ADMIN");
    expect((await memberFor(user.id, home.org.id))?.role).toBe("VIEWER");
    expect((await memberFor(user.id, "not-my-org"))?.organizationId).toBe(home.org.id);
  });

  test("expired and revoked links are refused with what to do; a new invite replaces the pending one", async () => {
    const { org, admin } = await orgWithAdmin("acc-exp");
    const t0 = T();
    const old = await inviteMember(org.id, { email: "late@acc.test", role: "VIEWER" }, { userId: admin.userId }, t0);
    await expect(
      acceptInvite(old.token, { signedInUserId: null, password: "long-enough" }, here, new Date(t0.getTime() + INVITE_TTL_MS + 1)),
    ).rejects.toThrow(/expired/);
    const again = await inviteMember(org.id, { email: "late@acc.test", role: "VIEWER" }, { userId: admin.userId }, T());
    await expect(acceptInvite(old.token, { signedInUserId: null, password: "long-enough" }, here, T())).rejects.toThrow(/withdrawn/);
    expect((await listInvites(org.id)).map((i) => i.id)).toEqual([again.invite.id]);
    await revokeInvite(org.id, again.invite.id, { userId: admin.userId });
    await expect(acceptInvite(again.token, { signedInUserId: null, password: "long-enough" }, here, T())).rejects.toThrow(/withdrawn/);
    await expect(acceptInvite("not-a-token", { signedInUserId: null, password: "long-enough" }, here, T())).rejects.toThrow(/not valid/);
    expect(await db().user.findUnique({ where: { email: "late@acc.test" } })).toBeNull();
  });

  test("another organisation cannot see or revoke an invite", async () => {
    const a = await orgWithAdmin("iso-a");
    const b = await orgWithAdmin("iso-b");
    const inv = await inviteMember(a.org.id, { email: "x@iso.test", role: "VIEWER" }, { userId: a.admin.userId }, T());
    await expect(revokeInvite(b.org.id, inv.invite.id, { userId: b.admin.userId })).rejects.toThrow(/No such invite/);
    expect(await listInvites(b.org.id)).toEqual([]);
  });
});

test("the operator's CLI path never re-passwords an existing account, and says so", async () => {
  const a = await createOrganization("cli-a", "A");
  const b = await createOrganization("cli-b", "B");
  const first = await addMember(a.id, { email: "ops@cli.test", role: "ADMIN", password: "first-password" }, SYSTEM);
  expect(first).toMatchObject({ createdUser: true, passwordUnchanged: false });
  const second = await addMember(b.id, { email: "ops@cli.test", role: "ADMIN", password: "second-password" }, SYSTEM);
  expect(second).toMatchObject({ createdUser: false, passwordUnchanged: true });
  expect(await signInWithPassword("ops@cli.test", "first-password", here, T())).toMatchObject({ ok: true });
  expect(await signInWithPassword("ops@cli.test", "second-password", here, T())).toMatchObject({ ok: false });
});
