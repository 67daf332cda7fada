import "server-only";
import { db } from "../db";
import { diffSql, ROLLUP_TABLES } from "./rollup-sql";

export type RollupDifference = {
  table: string;
  key: Record<string, unknown>;
  /** recomputed from raw events; null: the rollup row should not exist */
  expected: Record<string, unknown> | null;
  /** stored; null: the rollup row is missing */
  stored: Record<string, unknown> | null;
};

/** Compares every rollup of the organisation with a recomputation from its raw events. */
export async function verifyRollups(organizationId: string, limitPerTable = 20): Promise<RollupDifference[]> {
  const out: RollupDifference[] = [];
  for (const t of ROLLUP_TABLES) {
    const rows = await db().$queryRaw<{ table: string; key: string; expected: string | null; stored: string | null }[]>(
      diffSql(t, organizationId, limitPerTable),
    );
    for (const r of rows) {
      out.push({
        table: r.table,
        key: JSON.parse(r.key),
        expected: r.expected ? JSON.parse(r.expected) : null,
        stored: r.stored ? JSON.parse(r.stored) : null,
      });
    }
  }
  return out;
}
