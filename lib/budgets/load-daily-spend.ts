import "server-only";
import { db, Prisma } from "../db";
import { parseUsd } from "../money";

/** Daily cost per feature × team over [from, to): the input of budget status and forecasts. */
export type DailySpendRow = { day: string; feature: string; team: string; costPico: bigint };

export async function loadDailySpend(
  organizationId: string,
  from: Date,
  to: Date,
  filter?: { feature?: string; team?: string },
): Promise<DailySpendRow[]> {
  const f = filter?.feature ? Prisma.sql` AND "feature" = ${filter.feature}` : Prisma.empty;
  const t = filter?.team ? Prisma.sql` AND "team" = ${filter.team}` : Prisma.empty;
  const rows = await db().$queryRaw<{ day: Date; feature: string; team: string; cost: string }[]>(Prisma.sql`
    SELECT "day", "feature", "team", SUM("costUsd")::text AS cost FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date ${f} ${t}
    GROUP BY "day", "feature", "team"`);
  return rows.map((r) => ({
    day: new Date(r.day).toISOString().slice(0, 10),
    feature: r.feature,
    team: r.team,
    costPico: parseUsd(r.cost),
  }));
}

export function dailyForScope(rows: DailySpendRow[], scope: string, scopeRef: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of rows) {
    if (scope === "feature" && r.feature !== scopeRef) continue;
    if (scope === "team" && r.team !== scopeRef) continue;
    out.set(r.day, (out.get(r.day) ?? 0n) + r.costPico);
  }
  return out;
}
