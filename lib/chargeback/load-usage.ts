import "server-only";
import { dbRead, Prisma } from "../db";
import { parseUsd } from "../money";
import type { TeamUsage } from "./compute-chargeback";

/** Direct usage per team for [from, to) from the daily rollups (timestamp's UTC day). */
export async function loadTeamUsage(organizationId: string, from: Date, to: Date): Promise<TeamUsage[]> {
  const rows = await dbRead().$queryRaw<
    {
      team: string;
      cost: string;
      events: bigint;
      successes: bigint;
      correct_true: bigint;
      correct_set: bigint;
      input: string;
      output: string;
    }[]
  >(Prisma.sql`
    SELECT "team", SUM("costUsd")::text AS cost, SUM("events")::bigint AS events, SUM("successes")::bigint AS successes,
           SUM("correctTrue")::bigint AS correct_true, SUM("correctSet")::bigint AS correct_set,
           SUM("inputTokens")::text AS input, SUM("outputTokens")::text AS output
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
    GROUP BY "team"`);
  return rows.map((r) => ({
    team: r.team,
    costPico: parseUsd(r.cost),
    events: Number(r.events),
    successes: Number(r.successes),
    correctTrue: Number(r.correct_true),
    correctSet: Number(r.correct_set),
    inputTokens: BigInt(r.input),
    outputTokens: BigInt(r.output),
  }));
}

export async function loadFeatureTeamCost(organizationId: string, from: Date, to: Date): Promise<Map<string, Map<string, bigint>>> {
  const rows = await dbRead().$queryRaw<{ feature: string; team: string; cost: string }[]>(Prisma.sql`
    SELECT "feature", "team", SUM("costUsd")::text AS cost FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
    GROUP BY "feature", "team"`);
  const out = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    if (!out.has(r.feature)) out.set(r.feature, new Map());
    out.get(r.feature)!.set(r.team, parseUsd(r.cost));
  }
  return out;
}
