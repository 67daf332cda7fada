import "server-only";
import { monthRange, previousMonth } from "../time";
import { dbRead } from "../db";
import { sqlIdent } from "../db/ident";
import { displayUsd, formatUsd6, parseUsd } from "../money";
import { describeMover, largestMovers, type Mover } from "./movers";

export const DIMENSIONS = [
  ["team", "Team"],
  ["feature", "Feature"],
  ["model", "Model"],
] as const;

/**
 * Largest movers month over month by team, feature and model: event cost from DailyRollup
 * (bounded by the number of distinct keys, not events). Typed (picodollars): the board report
 * and MCP compose it; `moversToWire` is its form in the frozen report and MCP's answer.
 */
export async function readMovers(organizationId: string, month: string) {
  const cur = monthRange(month);
  const prev = monthRange(previousMonth(month));
  const out: { dimension: MoverDimension; label: string; movers: Mover[] }[] = [];
  for (const [col, label] of DIMENSIONS) {
    const c = sqlIdent(col);
    const rows = await dbRead().$queryRaw<{ key: string; cur: string | null; prev: string | null }[]>`
      SELECT ${c} AS key,
             SUM("costUsd") FILTER (WHERE day >= ${cur.from}::date AND day < ${cur.to}::date)::text AS cur,
             SUM("costUsd") FILTER (WHERE day >= ${prev.from}::date AND day < ${prev.to}::date)::text AS prev
      FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND day >= ${prev.from}::date AND day < ${cur.to}::date
      GROUP BY 1 LIMIT 2000`;
    const movers = largestMovers(
      rows.map((r) => ({ key: r.key || "(not given)", current: parseUsd(r.cur ?? "0"), previous: parseUsd(r.prev ?? "0") })),
      3,
    );
    out.push({ dimension: col, label, movers });
  }
  return out;
}

export type MoverDimension = (typeof DIMENSIONS)[number][0];
export type Movers = Awaited<ReturnType<typeof readMovers>>;

/** The movers' wire form: 6-decimal money and one sentence each (in USD, from the exact amounts). */
export function moversToWire(movers: Movers) {
  return movers.map((d) => ({
    dimension: d.dimension,
    movers: d.movers.map((m) => ({
      key: m.key,
      current_usd: formatUsd6(m.current),
      previous_usd: formatUsd6(m.previous),
      change_usd: formatUsd6(m.change),
      relative: m.relative,
      sentence: describeMover(m, d.label, (p) => displayUsd(p)),
    })),
  }));
}

/**
 * Alerts about the month and guardrail actions (downgrade / block) in it. An alert is about the
 * month when it was raised in it, or when it is a reconciliation alert for the month's invoice
 * (raised when the invoice arrives, usually the month after): the alerts section then agrees with
 * the billing section's gaps.
 */
export async function loadActions(organizationId: string, from: Date, to: Date) {
  const month = from.toISOString().slice(0, 7);
  const inMonth = {
    organizationId,
    OR: [
      { createdAt: { gte: from, lt: to } },
      { kind: "reconciliation", dedupeKey: { startsWith: "reconciliation:", endsWith: `:${month}` } },
    ],
  };
  const [alertCounts, alerts, decisionCounts, byFeature] = await Promise.all([
    dbRead().alert.groupBy({
      by: ["kind", "severity"],
      where: inMonth,
      _count: { _all: true },
      orderBy: [{ kind: "asc" }, { severity: "asc" }],
    }),
    dbRead().alert.findMany({
      where: inMonth,
      orderBy: [{ severity: "asc" }, { createdAt: "desc" }],
      take: 10,
      select: { kind: true, severity: true, state: true, title: true, feature: true, team: true, createdAt: true },
    }),
    dbRead().guardrailDecision.groupBy({
      by: ["decision"],
      where: { organizationId, at: { gte: from, lt: to } },
      _count: { _all: true },
      orderBy: { decision: "asc" },
    }),
    dbRead().$queryRaw<{ feature: string; decision: string; n: bigint; reason: string }[]>`
      SELECT feature, decision, COUNT(*)::bigint AS n, MIN(reason) AS reason FROM "GuardrailDecision"
      WHERE "organizationId" = ${organizationId} AND at >= ${from} AND at < ${to}
      GROUP BY feature, decision ORDER BY COUNT(*) DESC, feature LIMIT 10`,
  ]);
  return {
    alerts_total: alertCounts.reduce((s, a) => s + a._count._all, 0),
    alerts_by_kind: alertCounts.map((a) => ({ kind: a.kind, severity: a.severity, count: a._count._all })),
    alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    decisions_by_type: decisionCounts.map((d) => ({ decision: d.decision, count: d._count._all })),
    decisions_by_feature: byFeature.map((d) => ({
      feature: d.feature,
      decision: d.decision,
      count: Number(d.n),
      example_reason: d.reason,
    })),
  };
}
