import { afterAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { addMember, createOrganization } from "@/lib/orgs/manage-members";
import { settleSignInAudits, SIGN_IN_POLICY, signInWithPassword } from "@/lib/auth/sign-in";

/** Issue 19 items 9 and 12: sign-in is throttled per account and client, does not reveal which emails exist, and is audited. */
useTestDatabase();
// failed attempts are audited after the answer: let those writes finish before the database goes
afterAll(settleSignInAudits);

const SYSTEM = { userId: null, apiKeyId: null };
const at = (ip: string) => ({ ip, userAgent: "Mozilla/5.0 (test)" });
const T0 = new Date("2026-11-02T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

async function person(slug: string, email: string, password: string) {
  const org = await createOrganization(slug, slug);
  await addMember(org.id, { email, role: "ADMIN", password }, SYSTEM);
  return org;
}

describe("throttling per account", () => {
  test("40 wrong passwords, then the right one, is refused: the lockout holds even for the right password", async () => {
    await person("throttle-a", "victim@a.test", "right-password");
    for (let i = 0; i < 40; i++) {
      // many clients, so that only the per-account limit applies
      const r = await signInWithPassword("victim@a.test", `guess-${i}`, at(`192.0.2.${i}`), later(i * 1000));
      expect(r.ok).toBe(false);
    }
    const r = await signInWithPassword("victim@a.test", "right-password", at("198.51.100.1"), later(41_000));
    expect(r).toMatchObject({ ok: false, reason: "throttled" });
    // the lockout has grown to its maximum and ends; then the right password works and resets the count
    const after = later(41_000 + SIGN_IN_POLICY.account.maxMs + 1);
    expect(await signInWithPassword("victim@a.test", "right-password", at("198.51.100.1"), after)).toMatchObject({ ok: true });
    expect(await db().authThrottle.findUnique({ where: { key: "account:victim@a.test" } })).toBeNull();
  }, 60_000);

  test("a few failures do not lock; the free count is the policy's", async () => {
    await person("throttle-b", "someone@b.test", "right-password");
    for (let i = 0; i < SIGN_IN_POLICY.account.free - 1; i++)
      expect(await signInWithPassword("someone@b.test", "nope", at("192.0.2.50"), later(i))).toMatchObject({ reason: "invalid" });
    expect(await signInWithPassword("someone@b.test", "right-password", at("192.0.2.50"), later(100))).toMatchObject({ ok: true });
  });

  test("an unknown email locks exactly like a known one (a lockout says nothing about which emails exist)", async () => {
    await person("throttle-c", "known@c.test", "right-password");
    const answers = async (email: string, ipBase: string) => {
      const out: string[] = [];
      for (let i = 0; i < SIGN_IN_POLICY.account.free + 2; i++) {
        const r = await signInWithPassword(email, "wrong", at(`${ipBase}.${i}`), later(i));
        out.push(r.ok ? "ok" : r.reason);
      }
      return out;
    };
    expect(await answers("nobody@c.test", "192.0.2")).toEqual(await answers("known@c.test", "198.51.100"));
  }, 60_000);
});

test("throttling per client: one address trying many accounts is locked, other addresses are not", async () => {
  await person("throttle-d", "real@d.test", "right-password");
  for (let i = 0; i < SIGN_IN_POLICY.client.free; i++)
    await signInWithPassword(`spray-${i}@d.test`, "Winter2026!", at("203.0.113.66"), later(i));
  expect(await signInWithPassword("real@d.test", "right-password", at("203.0.113.66"), later(100))).toMatchObject({ reason: "throttled" });
  expect(await signInWithPassword("real@d.test", "right-password", at("203.0.113.67"), later(100))).toMatchObject({ ok: true });
}, 60_000);

test("timing: an unknown email costs a password hash too", async () => {
  await person("timing", "t@timing.test", "right-password");
  const time = async (email: string, i: number) => {
    const t = performance.now();
    await signInWithPassword(email, "wrong", at(`192.0.2.${100 + i}`), later(i * 10));
    return performance.now() - t;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 3; i++) {
    known.push(await time("t@timing.test", i));
    unknown.push(await time(`nobody-${i}@timing.test`, i + 3));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  // before: ~2 ms against ~60 ms; scrypt dominates both now
  expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
}, 60_000);

test("sign-ins are audited in each of the person's organisations, with from where; unknown emails in none", async () => {
  const a = await person("audit-a", "both@audit.test", "right-password");
  const b = await createOrganization("audit-b", "audit-b");
  await addMember(b.id, { email: "both@audit.test", role: "VIEWER", password: "ignored-here" }, SYSTEM);
  await db().auditLog.deleteMany({});
  await signInWithPassword("both@audit.test", "wrong", at("192.0.2.9"), later(0));
  await signInWithPassword("both@audit.test", "right-password", at("192.0.2.9"), later(1));
  await signInWithPassword("ghost@audit.test", "wrong", at("192.0.2.9"), later(2));
  await settleSignInAudits();
  const rows = await db().auditLog.findMany({ orderBy: { at: "asc" } });
  const user = await db().user.findUniqueOrThrow({ where: { email: "both@audit.test" } });
  for (const org of [a.id, b.id]) {
    const mine = rows.filter((r) => r.organizationId === org);
    expect(mine.map((r) => r.action)).toEqual(["auth.signin_failed", "auth.signin"]);
    expect(mine.every((r) => r.actorIp === "192.0.2.9" && r.actorUserAgent === "Mozilla/5.0 (test)" && r.targetId === user.id)).toBe(true);
    expect(mine[0].actorUserId).toBeNull();
    expect(mine[1].actorUserId).toBe(user.id);
  }
  expect(rows).toHaveLength(4);
  expect(JSON.stringify(rows)).not.toContain("ghost@audit.test");
});
