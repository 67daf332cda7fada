import { describe, expect, test } from "vitest";
import { db, dbRead } from "../../lib/db";
import { useTestDatabase } from "../helpers/db";

/**
 * Decision 053: the app's sessions run without JIT compilation (the migrations set it on the
 * database, so every session sees it: direct, through PgBouncer, on the replica). Without the
 * migration PostgreSQL's default (jit = on) shows here. PGlite (the embedded database) has
 * no JIT provider and applies no per-database settings: there JIT must be unavailable.
 */
useTestDatabase();

describe("JIT off for Spendline's connections", () => {
  test("the write and the read client both see jit = off", async () => {
    if (!process.env.DATABASE_URL) {
      const [p] = await db().$queryRaw<{ available: boolean }[]>`SELECT pg_jit_available() AS available`;
      expect(p.available).toBe(false);
      return;
    }
    const [w] = await db().$queryRaw<{ jit: string }[]>`SELECT current_setting('jit') AS jit`;
    const [r] = await dbRead().$queryRaw<{ jit: string }[]>`SELECT current_setting('jit') AS jit`;
    expect(w.jit).toBe("off");
    expect(r.jit).toBe("off");
  });

  test("a 90-day-sized statement is planned without JIT", async () => {
    // a plan whose cost passes jit_above_cost (100,000): with JIT on, EXPLAIN reports a JIT section
    const plan = await dbRead().$queryRaw<{ "QUERY PLAN": string }[]>`
      EXPLAIN SELECT sum(g * 2) FROM generate_series(1, 10000000) g, generate_series(1, 10) h`;
    const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/cost=\d+\.\d+\.\.(\d{6,})/); // expensive enough to be compiled
    expect(text).not.toMatch(/JIT/);
  });
});
