import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { mintRenderToken, RENDER_TOKEN_TTL_MS } from "@/lib/reports/render-token";
import { consumeRenderToken } from "@/lib/reports/render-token-use";

/** Issue 19 item 14: the board-report render token works once (in any process) and only for what it was minted for. */
useTestDatabase();

const SECRET = "s3cret";

test("a render token is used up by its first use; a replay within its 2 minutes is refused", async () => {
  const org = await createOrganization("render-once", "Render once");
  const now = new Date();
  const t = mintRenderToken({ org: org.id, month: "2026-10", paper: "a4" }, SECRET, now.getTime());
  expect(await consumeRenderToken(t, { month: "2026-10", paper: "a4" }, SECRET, now)).toMatchObject({ org: org.id });
  expect(await consumeRenderToken(t, { month: "2026-10", paper: "a4" }, SECRET, new Date(now.getTime() + 1000))).toBeNull();
  // another token for the same report is its own
  const t2 = mintRenderToken({ org: org.id, month: "2026-10", paper: "a4" }, SECRET, now.getTime());
  expect(await consumeRenderToken(t2, { month: "2026-10", paper: "a4" }, SECRET, now)).not.toBeNull();
});

test("the use is recorded in the database (seen by every process), and a token for another paper is not used up by a refusal", async () => {
  const org = await createOrganization("render-db", "Render db");
  const now = new Date();
  const t = mintRenderToken({ org: org.id, month: "2026-10", paper: "letter" }, SECRET, now.getTime());
  expect(await consumeRenderToken(t, { month: "2026-10", paper: "a4" }, SECRET, now)).toBeNull();
  expect(await db().renderTokenUse.count({ where: { organizationId: org.id } })).toBe(0);
  expect(await consumeRenderToken(t, { month: "2026-10", paper: "letter" }, SECRET, now)).not.toBeNull();
  const rows = await db().renderTokenUse.findMany({ where: { organizationId: org.id } });
  expect(rows).toHaveLength(1);
  expect(rows[0].expiresAt.getTime()).toBe(now.getTime() + RENDER_TOKEN_TTL_MS);
});

test("records of long-expired tokens are pruned", async () => {
  const org = await createOrganization("render-prune", "Render prune");
  const old = new Date(Date.now() - 3_600_000);
  await db().renderTokenUse.create({ data: { organizationId: org.id, nonce: "old-nonce-0123456789", usedAt: old, expiresAt: old } });
  const now = new Date();
  await consumeRenderToken(
    mintRenderToken({ org: org.id, month: "2026-10", paper: "a4" }, SECRET, now.getTime()),
    { month: "2026-10", paper: "a4" },
    SECRET,
    now,
  );
  expect((await db().renderTokenUse.findMany({ where: { organizationId: org.id } })).map((r) => r.nonce)).not.toContain(
    "old-nonce-0123456789",
  );
});
