import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db, Prisma } from "../../lib/db";
import { bucketOf, SKETCH_GAMMA } from "../../lib/metrics/sketch";
import { atGrain, GRAINS, grainFor, STATS_DIMS } from "../../lib/rollups/definition";
import { statsCtes } from "../../lib/rollups/read-rollups-sql";

/**
 * The rollup definition lives in TypeScript; two of its functions also exist in SQL (the
 * migration's spendline_sketch_bucket, and the grain expansion generated into statsCtes).
 * They must give the same answers: a sketch filled in TypeScript (tests, reads) and one filled
 * by the database (ingestion) put every cost in the same bucket.
 */
useTestDatabase();

/** Costs as decimal text (what numeric columns hold): zero, negative, tiny, huge, and both sides of bucket boundaries. */
function costs(): string[] {
  const out = ["0", "-1", "-0.000000000001", "0.000000000001", "0.000000001", "0.000001", "0.001", "1", "1.005", "0.995"];
  out.push("123456789012.123456789012", "999999999999.999999999999", "1000000", "0.5", "2", "10", "42.42");
  // bucket boundaries γ^k (k from −5600, near 1e-12, to 5600, near 1e12): the value, and just below and above it
  for (let k = -5600; k <= 5600; k += k % 200 === 0 ? 37 : 163) {
    const b = Math.pow(SKETCH_GAMMA, k);
    for (const x of [b, b * (1 - 1e-12), b * (1 + 1e-12)]) out.push(x.toPrecision(17).replace(/\.?0+(e|$)/, "$1"));
  }
  for (const k of [-1, 0, 1, 2, 100, -100]) out.push(Math.pow(SKETCH_GAMMA, k).toFixed(12));
  return [...new Set(out.map((s) => (s.includes("e") ? Number(s).toFixed(24).replace(/0+$/, "") : s)))];
}

describe("TypeScript and SQL agree", () => {
  test("sketch bucket: spendline_sketch_bucket(cost) = bucketOf(cost) for every cost in the table", async () => {
    const xs = costs();
    const rows = await db().$queryRaw<{ x: string; b: number | null }[]>`
      SELECT x, spendline_sketch_bucket(x::numeric) AS b FROM unnest(${xs}::text[]) AS x`;
    expect(rows).toHaveLength(xs.length);
    const differ = rows.filter((r) => r.b !== bucketOf(Number(r.x))).map((r) => ({ cost: r.x, sql: r.b, ts: bucketOf(Number(r.x)) }));
    expect(differ).toEqual([]);
    // sanity: the table crosses many buckets, and costs ≤ 0 have none
    expect(new Set(rows.map((r) => r.b)).size).toBeGreaterThan(100);
    expect(rows.find((r) => r.x === "0")?.b).toBeNull();
    expect(rows.find((r) => r.x === "-1")?.b).toBeNull();
  });

  test("grains: statsCtes expands a row to every grain exactly as atGrain does", async () => {
    const rows = [
      { team: "growth", tier: "free", model: "gpt-4o", environment: "prod" },
      { team: "", tier: "", model: "m", environment: "staging" },
    ];
    const src = Prisma.join(
      rows.map(
        (r, i) =>
          Prisma.sql`SELECT 1 AS sign, '2025-03-01'::date + ${i}::int AS day, 'f' AS feature, ${r.team}::text AS team, ${r.tier}::text AS tier,
            ${r.model}::text AS model, ${r.environment}::text AS environment, 0.5::numeric AS cost`,
      ),
      " UNION ALL ",
    );
    const got = await db().$queryRaw<{ grain: number; i: number; team: string; tier: string; model: string; environment: string }[]>`
      WITH ${statsCtes(src)} SELECT grain, (day - '2025-03-01'::date) AS i, team, tier, model, environment FROM sx ORDER BY grain, day`;
    const want = [...GRAINS].sort((a, b) => a - b).flatMap((g) => rows.map((r, i) => ({ grain: g, i, ...atGrain(g, r) })));
    expect(got.map((r) => ({ ...r, grain: Number(r.grain), i: Number(r.i) }))).toEqual(want);
  });

  test("grain choice: the coarsest grain that keeps every filtered dimension", () => {
    expect(grainFor([])).toBe(5);
    for (const d of STATS_DIMS) expect(grainFor([d])).toBe(0);
    expect(grainFor([...STATS_DIMS])).toBe(0);
  });
});
