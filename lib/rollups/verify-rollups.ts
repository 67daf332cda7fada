import "server-only";
import { db } from "../db";
import { Prisma } from "../db";
import { readRollupChecks } from "./read-rollups-sql";
import { aggregateSql, diffRowsSql, diffSql, ROLLUP_TABLES } from "./rollup-sql";

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
  const interactions = aggregateSql("InteractionRollup", Prisma.sql`e."organizationId" = ${organizationId}`);
  const queries = [
    ...ROLLUP_TABLES.map((t) => diffSql(t, organizationId, limitPerTable)),
    ...readRollupChecks(organizationId, interactions, aggregateSql("TaskRollup", Prisma.sql`e."organizationId" = ${organizationId}`)).map(([name, keys, vals, ref, stored]) => diffRowsSql(name, keys, vals, ref, stored, limitPerTable)),
  ];
  for (const q of queries) {
    const rows = await db().$queryRaw<{ table: string; key: string; expected: string | null; stored: string | null }[]>(q);
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
