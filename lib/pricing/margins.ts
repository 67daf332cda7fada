import "server-only";
import { dbRead, Prisma } from "../db";
import { parseUsd, type Pico } from "../money";
import { monthRange } from "../time";

/**
 * Internal chargeback margins (price-book "margin" rules, decision 045) beside the provider cost
 * they are charged on, per team and feature for a month: a platform team recharging with +x %
 * shows both figures apart, never a provider cost with the margin folded in. Read from raw events
 * (the rollups carry no margin), so a month past raw-event retention answers what is kept.
 */
export type MarginRow = { team: string; feature: string; events: number; providerCostPico: Pico; marginPico: Pico };
export type Margins = { month: string; rows: MarginRow[]; providerCostPico: Pico; marginPico: Pico };

export async function readMargins(organizationId: string, month: string): Promise<Margins> {
  const { from, to } = monthRange(month);
  const rows = await dbRead().$queryRaw<{ team: string; feature: string; events: bigint; cost: string; margin: string }[]>(Prisma.sql`
    SELECT team, feature, count(*)::bigint AS events, SUM("costUsd")::text AS cost, SUM("marginUsd")::text AS margin
    FROM "CostEvent"
    WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${from} AND "timestamp" < ${to} AND "marginUsd" IS NOT NULL
    GROUP BY team, feature
    ORDER BY team, feature`);
  const out: MarginRow[] = rows.map((r) => ({
    team: r.team,
    feature: r.feature,
    events: Number(r.events),
    providerCostPico: parseUsd(r.cost),
    marginPico: parseUsd(r.margin),
  }));
  return {
    month,
    rows: out,
    providerCostPico: out.reduce((s, r) => s + r.providerCostPico, 0n),
    marginPico: out.reduce((s, r) => s + r.marginPico, 0n),
  };
}
