import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { verifyRollups } from "@/lib/rollups/verify-rollups";

useTestDatabase();

describe("demo seed", () => {
  test("events carry realistic receive times: seconds after their timestamp, not the seed time", async () => {
    const res = await seedDemo({ days: 3, now: new Date("2026-11-20T12:00:00Z") });
    const [r] = await db().$queryRaw<{ mean_s: number; p99_s: number; max_s: number; n: number }[]>`
      SELECT avg(extract(epoch FROM ("receivedAt" - "timestamp")))::float8 AS mean_s,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM ("receivedAt" - "timestamp")))::float8 AS p99_s,
             max(extract(epoch FROM ("receivedAt" - "timestamp")))::float8 AS max_s, count(*)::int AS n
      FROM "CostEvent" WHERE "organizationId" = ${res.organizationId}`;
    expect(r.n).toBe(res.events);
    expect(r.mean_s).toBeGreaterThan(1);
    expect(r.mean_s).toBeLessThan(30);
    expect(r.p99_s).toBeLessThan(600);
    expect(r.max_s).toBeLessThanOrEqual(600);
    // the freshness sums in the rollups were rebuilt from the new receive times
    expect(await verifyRollups(res.organizationId)).toEqual([]);
  }, 300_000);
});

describe("demo: seeding again with force", () => {
  test("leaves no row of the old organisation in any table (rollups, tenant windows, stats, leases…)", async () => {
    const { organizationTables } = await import("@/lib/demo/wipe-organization");
    const { sqlIdent } = await import("@/lib/db/ident");
    const now = new Date("2026-11-20T12:00:00Z");
    const first = await seedDemo({ days: 2, now });
    const rowsOf = async (orgId: string) => {
      const counts: Record<string, number> = {};
      for (const t of await organizationTables()) {
        const [r] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sqlIdent(t)} WHERE "organizationId" = ${orgId}`;
        if (r.n > 0) counts[t] = r.n;
      }
      return counts;
    };
    // the seed fills the second-level rollups the old hand-written list forgot
    expect(Object.keys(await rowsOf(first.organizationId))).toEqual(
      expect.arrayContaining(["TenantWindow", "InteractionStats", "FeatureUserWeek"]),
    );
    const second = await seedDemo({ days: 2, now, force: true });
    expect(second.skipped).toBe(false);
    expect(await rowsOf(first.organizationId)).toEqual({});
    expect(await verifyRollups(second.organizationId)).toEqual([]);
  }, 300_000);
});

describe("demo: coding agents and shadow AI", () => {
  test("the CI bill doubles with a flat per-PR cost, two seats are unused, platform pays for support's runs, marketing pays for ChatGPT on cards", async () => {
    const { createOrganization } = await import("@/lib/orgs/manage-members");
    const { seedAgentsDemo } = await import("@/lib/demo/seed-agents");
    const { getCodingAgents } = await import("@/lib/coding-agents/get-coding-agents");
    const { getShadowAi } = await import("@/lib/shadow-ai/shadow-ai");
    const org = await createOrganization("demo-agents", "Demo agents");
    const now = new Date("2026-11-20T12:00:00Z");
    const t0 = Date.now();
    await seedAgentsDemo(org.id, now);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const r = await getCodingAgents(org.id, "2026-11", { all: true, team: null }, now);
    const fired = Object.fromEntries(r.findings.filter((f) => f.fired).map((f) => [f.subject, f]));
    expect(fired["Agent CI runs (per run)"].severity).toBe("critical");
    expect(Math.abs(Number(fired["Agent CI runs (per merged PR)"].evidence.unit_cost_change))).toBeLessThan(0.15);
    expect(fired["Agent CI runs (who pays)"].evidence).toMatchObject({ owner: "platform", previous_owner: "support" });
    expect(r.totals.unused_seats).toBe(2);
    expect(r.cross_team).toEqual([expect.objectContaining({ paying_team: "platform", author_team: "support" })]);
    const s = await getShadowAi(org.id, "2026-11");
    expect(s.by_person.filter((p) => p.department === "Marketing" && p.recurring)).toHaveLength(3);
    expect(s.under_contract.find((c) => c.vendor === "OpenAI")?.under_contract_usd).toBe("180.000000");
  }, 120_000);
});
