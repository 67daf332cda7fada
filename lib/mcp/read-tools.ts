import "server-only";
import { AppError } from "../core/errors";
import { db, Prisma } from "../db";
import { sqlIdent } from "../db/ident";
import { monthRange, previousMonth, resolvePeriod } from "../time";
import { dailyWhere } from "../metrics/query-filters";
import type { Filters } from "../metrics/schemas";
import { displayUsd, formatUsd6, parseUsd } from "../money";
import { moversToWire, readMovers } from "../reports/load-report-extras";
import { describeMover, largestMovers } from "../reports/movers";

/**
 * Read functions behind the MCP tools that have no API twin. All read rollups or small tables:
 * bounded by the number of groups, never by the number of events.
 */
export const SPEND_DIMENSIONS = ["feature", "team", "tier", "model", "environment", "provider", "day"] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

export async function spendBy(organizationId: string, dimension: SpendDimension, q: Filters, now = new Date()) {
  const p = resolvePeriod(q, now);
  // the column name comes from the enum above, never from input text
  const col = dimension === "day" ? Prisma.sql`to_char(d.day, 'YYYY-MM-DD')` : sqlIdent(dimension, "d");
  const rows = await db().$queryRaw<{ key: string; cost: string; events: number; input: string; output: string }[]>`
    SELECT ${col} AS key, sum(d."costUsd")::text AS cost, sum(d.events)::int AS events,
      sum(d."inputTokens")::text AS input, sum(d."outputTokens")::text AS output
    FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, p, q)}
    GROUP BY 1 ORDER BY ${dimension === "day" ? Prisma.sql`1` : Prisma.sql`sum(d."costUsd") DESC, 1`} LIMIT 100`;
  const total = rows.reduce((a, r) => a + parseUsd(r.cost), 0n);
  return {
    period: { from: p.from, to: p.to },
    dimension,
    total_usd: formatUsd6(total),
    rows: rows.map((r) => ({
      [dimension]: r.key || "(not given)",
      cost_usd: formatUsd6(parseUsd(r.cost)),
      events: r.events,
      input_tokens: Number(r.input),
      output_tokens: Number(r.output),
    })),
    limit: 100,
  };
}

/** Largest movers month over month, and for each moving feature the models and teams that drove it. */
export async function topMovers(organizationId: string, month: string) {
  const movers = await readMovers(organizationId, month);
  const cur = monthRange(month);
  const prev = monthRange(previousMonth(month));
  const features = movers.find((m) => m.dimension === "feature")?.movers ?? [];
  const drivers = [];
  for (const f of features) {
    const rows = await db().$queryRaw<{ key: string; cur: string | null; prev: string | null }[]>`
      SELECT d.model AS key,
        sum(d."costUsd") FILTER (WHERE d.day >= ${cur.from}::date AND d.day < ${cur.to}::date)::text AS cur,
        sum(d."costUsd") FILTER (WHERE d.day >= ${prev.from}::date AND d.day < ${prev.to}::date)::text AS prev
      FROM "DailyRollup" d
      WHERE d."organizationId" = ${organizationId} AND d.feature = ${f.key} AND d.day >= ${prev.from}::date AND d.day < ${cur.to}::date
      GROUP BY 1 LIMIT 200`;
    const m = largestMovers(
      rows.map((r) => ({ key: r.key, current: parseUsd(r.cur ?? "0"), previous: parseUsd(r.prev ?? "0") })),
      3,
    );
    drivers.push({
      feature: f.key,
      by_model: m.map((x) => ({
        model: x.key,
        change_usd: formatUsd6(x.change),
        sentence: describeMover(x, "Model", (p) => displayUsd(p)),
      })),
    });
  }
  return { month, previous_month: previousMonth(month), movers: moversToWire(movers), drivers };
}

/** An anomaly alert's evidence (by id), or the latest anomaly alerts when no id is given. */
export async function anomalyEvidence(organizationId: string, alertId?: string) {
  const select = {
    id: true,
    title: true,
    feature: true,
    severity: true,
    state: true,
    evidence: true,
    createdAt: true,
    resolvedAt: true,
  } as const;
  if (alertId) {
    const a = await db().alert.findFirst({ where: { organizationId, id: alertId, kind: "anomaly" }, select });
    if (!a) throw new AppError("not_found", `No anomaly alert ${alertId}. Call without alert_id to list the latest.`);
    return { anomaly: { ...a, createdAt: a.createdAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null } };
  }
  const rows = await db().alert.findMany({ where: { organizationId, kind: "anomaly" }, orderBy: { createdAt: "desc" }, take: 10, select });
  return { anomalies: rows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null })) };
}
