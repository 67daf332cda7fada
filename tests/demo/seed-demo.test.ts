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
