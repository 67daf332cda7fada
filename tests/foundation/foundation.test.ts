import { describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createMigration } from "@/lib/db/migrate";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authenticateKey } from "@/lib/auth/api-keys";
import { addMember, changeMemberRole, createOrganization, removeMember } from "@/lib/orgs/manage-members";
import { issueApiKey, revokeApiKey } from "@/lib/orgs/manage-api-keys";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/core/errors";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";

useTestDatabase();
const SYSTEM = { userId: null, apiKeyId: null };

test("the migrations match the schema (nobody edited the schema without a migration)", async () => {
  const dir = await createMigration("drift_check", new PrismaPGlite(new PGlite()));
  expect(dir, `schema.prisma has changes no migration captures: run npm run db:migration:new -- <name>`).toBeNull();
}, 60_000);

test("migrations were recorded in Prisma's standard table", async () => {
  const rows = await db().$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
  expect(rows.length).toBeGreaterThan(0);
});

test("passwords are hashed with scrypt and verified", async () => {
  const h = await hashPassword("correct horse");
  expect(h.startsWith("scrypt$")).toBe(true);
  expect(h).not.toContain("correct horse");
  expect(await verifyPassword("correct horse", h)).toBe(true);
  expect(await verifyPassword("wrong horse", h)).toBe(false);
  expect(await verifyPassword("x", null)).toBe(false);
});

describe("members", () => {
  test("the last admin cannot be demoted or removed, and every change is audited", async () => {
    const org = await createOrganization("members-org", "Members Org");
    const { membership: admin } = await addMember(org.id, { email: "Boss@Example.com", role: "ADMIN", password: "password-1" }, SYSTEM);
    const { membership: viewer } = await addMember(org.id, { email: "v@example.com", role: "VIEWER", password: "password-2" }, SYSTEM);
    await expect(changeMemberRole(org.id, admin.id, "VIEWER", undefined, SYSTEM)).rejects.toThrow(/at least one admin/);
    await expect(removeMember(org.id, admin.id, SYSTEM)).rejects.toThrow(/at least one admin/);
    await changeMemberRole(org.id, viewer.id, "ADMIN", undefined, SYSTEM);
    await changeMemberRole(org.id, admin.id, "FINANCE", undefined, SYSTEM);
    await expect(removeMember(org.id, viewer.id, SYSTEM)).rejects.toThrow(/at least one admin/);
    await removeMember(org.id, admin.id, { userId: "someone", apiKeyId: null });
    const actions = (await db().auditLog.findMany({ where: { organizationId: org.id }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["member.create", "member.create", "member.role_change", "member.role_change", "member.remove"]);
    // emails are stored lower-case, so sign-in is case-insensitive
    expect(await db().user.findUnique({ where: { email: "boss@example.com" } })).not.toBeNull();
  });

  test("a lead needs a known team; the team can be changed later", async () => {
    const org = await createOrganization("members-teams", "Teams");
    await db().team.createMany({
      data: [
        { organizationId: org.id, name: "support" },
        { organizationId: org.id, name: "growth" },
      ],
    });
    await expect(addMember(org.id, { email: "l1@example.com", role: "ENGINEERING_LEAD", password: "password-1" }, SYSTEM)).rejects.toThrow(
      /needs a team/,
    );
    await expect(
      addMember(org.id, { email: "l1@example.com", role: "ENGINEERING_LEAD", password: "password-1", team: "suport" }, SYSTEM),
    ).rejects.toThrow(/not a known team.*growth, support/);
    const { membership } = await addMember(
      org.id,
      { email: "l1@example.com", role: "ENGINEERING_LEAD", password: "password-1", team: "support" },
      SYSTEM,
    );
    const changed = await changeMemberRole(org.id, membership.id, "ENGINEERING_LEAD", "growth", SYSTEM);
    expect(changed.teamName).toBe("growth");
    await expect(changeMemberRole(org.id, membership.id, "ENGINEERING_LEAD", null, SYSTEM)).rejects.toThrow(/needs a team/);
    // a viewer without a team becoming a lead must get a team in the same change
    const { membership: v } = await addMember(org.id, { email: "v2@example.com", role: "VIEWER", password: "password-1" }, SYSTEM);
    await expect(changeMemberRole(org.id, v.id, "ENGINEERING_LEAD", undefined, SYSTEM)).rejects.toThrow(/needs a team/);
    expect((await changeMemberRole(org.id, v.id, "ENGINEERING_LEAD", "support", SYSTEM)).role).toBe("ENGINEERING_LEAD");
  });

  test("a member of one organisation cannot be changed through another", async () => {
    const a = await createOrganization("org-a", "A");
    const b = await createOrganization("org-b", "B");
    const { membership } = await addMember(a.id, { email: "a1@example.com", role: "VIEWER", password: "password-1" }, SYSTEM);
    await expect(changeMemberRole(b.id, membership.id, "ADMIN", undefined, SYSTEM)).rejects.toThrow(AppError);
  });
});

describe("API keys and the route wrapper", () => {
  const handler = apiRoute(
    { capability: "dashboards.read", auth: "key", query: z.strictObject({ n: z.coerce.number().int().min(1) }) },
    async ({ principal, query }) => ({ org: principal.organizationId, n: query.n }),
  );
  const call = (url: string, key?: string) =>
    handler(new NextRequest(url, { headers: key ? { authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({}) });

  test("only the hash is stored; revoked keys stop working; scopes are enforced", async () => {
    const org = await createOrganization("keys-org", "Keys");
    const read = await issueApiKey(org.id, { name: "reader", scopes: ["read"] }, SYSTEM);
    const ingest = await issueApiKey(org.id, { name: "writer", scopes: ["ingest"] }, SYSTEM);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: read.id } });
    expect(JSON.stringify(stored)).not.toContain(read.key);
    expect(read.key.startsWith(stored.prefix)).toBe(true);

    const ok = await call("http://x/api?n=3", read.key);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ org: org.id, n: 3 });

    expect((await call("http://x/api?n=3")).status).toBe(401);
    expect((await call("http://x/api?n=3", "sl_not-a-real-key")).status).toBe(401);
    const forbidden = await call("http://x/api?n=3", ingest.key);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");

    const bad = await call("http://x/api?n=0&extra=1", read.key);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues.map((i: { path: string; message: string }) => i.path + i.message).join(" ")).toMatch(/n.*extra|extra.*n/s);

    await revokeApiKey(org.id, read.id, SYSTEM);
    expect(await authenticateKey(read.key)).toBeNull();
    expect((await call("http://x/api?n=3", read.key)).status).toBe(401);
  });

  test("an unexpected error becomes a generic 500 that leaks nothing", async () => {
    const org = await createOrganization("boom-org", "Boom");
    const { key } = await issueApiKey(org.id, { name: "r", scopes: ["read"] }, SYSTEM);
    const boom = apiRoute({ capability: "dashboards.read", auth: "key" }, async () => {
      throw new Error("secret internals: password=hunter2");
    });
    const spy = console.error;
    console.error = () => {};
    const res = await boom(new NextRequest("http://x/api", { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({}),
    });
    console.error = spy;
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error.code).toBe("internal");
  });
});
