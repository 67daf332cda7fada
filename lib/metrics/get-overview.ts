import "server-only";
import { dbRead } from "../db";
import { sqlIdent } from "../db/ident";
import { formatUsd6, parseUsd } from "../money";
import { stackedDaily, topNWithOther, OTHER } from "./chart-prep";
import { appliedFilters, dailyWhere, periodOut, statsWhere } from "./query-filters";
import type { Filters } from "./schemas";
import { addDays, resolvePeriod } from "../time";

/**
 * GET /api/v1/metrics/overview: totals (cost, events, interactions, tokens), cost by day
 * stacked by team or feature (top 6 + "other"), top features and models (top 10 + "other"),
 * month to date against the same days of last month, and ingestion freshness.
 * Reads DailyRollup and InteractionStats only (plus one index lookup for the newest event).
 */
const STACK_TOP = 6;
const TOP = 10;

type Q = Filters & { stack_by?: "team" | "feature" };

export async function readOverview(organizationId: string, q: Q, now = new Date()) {
  const p = resolvePeriod(q, now);
  const stackBy = q.stack_by ?? "team";
  const stackCol = sqlIdent(stackBy === "team" ? "team" : "feature", "d");
  const where = dailyWhere(organizationId, p, q);

  // one scan of the period's DailyRollup rows for the totals, the stacked days and both top lists
  const sets = await dbRead().$queryRaw<
    {
      s: string;
      day: string | null;
      key: string | null;
      events: bigint;
      cost: string;
      input: string;
      output: string;
      cached: string;
      unpriced: bigint;
      delay: string;
    }[]
  >`
    SELECT CASE WHEN GROUPING(d.day) = 0 THEN 'day' WHEN GROUPING(d.feature) = 0 THEN 'feature' WHEN GROUPING(d.model) = 0 THEN 'model' ELSE 'total' END AS s,
      to_char(d.day, 'YYYY-MM-DD') AS day,
      CASE WHEN GROUPING(d.day) = 0 THEN ${stackCol} WHEN GROUPING(d.feature) = 0 THEN d.feature WHEN GROUPING(d.model) = 0 THEN d.model END AS key,
      sum(d.events)::bigint AS events, sum(d."costUsd")::text AS cost, sum(d."inputTokens")::text AS input,
      sum(d."outputTokens")::text AS output, sum(d."cachedInputTokens")::text AS cached,
      sum(d."unpricedEvents")::bigint AS unpriced, sum(d."delayMsSum")::text AS delay
    FROM "DailyRollup" d WHERE ${where}
    GROUP BY GROUPING SETS ((), (d.day, ${stackCol}), (d.feature), (d.model))`;
  const totals = sets.find((r) => r.s === "total" && r.events !== null && Number(r.events) > 0);
  const byDayKey = sets.filter((r) => r.s === "day").map((r) => ({ day: r.day!, key: r.key!, cost: r.cost }));
  const byFeature = sets.filter((r) => r.s === "feature").map((r) => ({ key: r.key!, cost: r.cost, events: r.events }));
  const byModel = sets.filter((r) => r.s === "model").map((r) => ({ key: r.key!, cost: r.cost, events: r.events }));
  const [inter] = await dbRead().$queryRaw<{ n: bigint }[]>`
    SELECT COALESCE(sum(s.interactions), 0)::bigint AS n FROM "InteractionStats" s WHERE ${statsWhere(organizationId, p, q)}`;

  // Month to date: the month of the period's last day (or today, if earlier), against the same
  // number of days of the previous month, and the whole previous month.
  const todayStr = now.toISOString().slice(0, 10);
  const lastDay = addDays(p.to, -1) < todayStr ? addDays(p.to, -1) : todayStr;
  const monthStart = lastDay.slice(0, 8) + "01";
  const prevStart = addDays(monthStart, -1).slice(0, 8) + "01";
  const dayOfMonth = Number(lastDay.slice(8, 10));
  const prevSameEnd = addDays(prevStart, dayOfMonth) < monthStart ? addDays(prevStart, dayOfMonth) : monthStart;
  const dims = { ...q, from: undefined, to: undefined };
  const [mtd] = await dbRead().$queryRaw<{ cur: string | null; prev_same: string | null; prev_full: string | null }[]>`
    SELECT sum(d."costUsd") FILTER (WHERE d.day >= ${monthStart}::date AND d.day <= ${lastDay}::date)::text AS cur,
      sum(d."costUsd") FILTER (WHERE d.day >= ${prevStart}::date AND d.day < ${prevSameEnd}::date)::text AS prev_same,
      sum(d."costUsd") FILTER (WHERE d.day >= ${prevStart}::date AND d.day < ${monthStart}::date)::text AS prev_full
    FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, { from: prevStart, to: addDays(lastDay, 1) }, dims)}`;

  const [fresh] = await dbRead().$queryRaw<{ last: Date | null }[]>`
    SELECT "timestamp" AS last FROM "CostEvent" WHERE "organizationId" = ${organizationId} ORDER BY "timestamp" DESC LIMIT 1`;

  const stacked = stackedDaily(
    byDayKey.map((r) => ({ day: r.day, key: r.key, value: parseUsd(r.cost) })),
    p.from,
    p.to,
    STACK_TOP,
  );
  const top = (rows: { key: string; cost: string; events: bigint }[]) =>
    topNWithOther(
      rows.map((r) => ({ key: r.key, value: parseUsd(r.cost), events: Number(r.events) })),
      TOP,
      (value) => ({ key: OTHER, value, events: 0 }),
    ).map((r) => ({ key: r.key, cost: r.value, events: r.key === OTHER ? null : r.events }));
  const total = parseUsd(totals?.cost ?? "0");
  const events = Number(totals?.events ?? 0n);
  const cur = parseUsd(mtd?.cur ?? "0"),
    prevSame = parseUsd(mtd?.prev_same ?? "0");
  return {
    period: periodOut(p),
    filters: appliedFilters(q),
    totals: {
      totalCost: total,
      events,
      interactions: Number(inter?.n ?? 0n),
      inputTokens: Number(totals?.input ?? 0),
      outputTokens: Number(totals?.output ?? 0),
      cachedInputTokens: Number(totals?.cached ?? 0),
      unpricedEvents: Number(totals?.unpriced ?? 0n),
    },
    costByDay: {
      stackBy,
      keys: stacked.keys,
      points: stacked.points.map((pt) => ({ day: pt.day, cost: pt.total, by: pt.by })),
    },
    topFeatures: top(byFeature),
    topModels: top(byModel),
    monthToDate: {
      month: monthStart.slice(0, 7),
      through: lastDay,
      cost: cur,
      previousMonthSameDays: prevSame,
      previousMonthTotal: parseUsd(mtd?.prev_full ?? "0"),
      change: prevSame > 0n ? Number(((cur - prevSame) * 1_000_000n) / prevSame) / 1_000_000 : null,
    },
    freshness: {
      lastEventAt: fresh?.last ?? null,
      meanIngestDelayMs: events > 0 ? Math.round(Number(totals?.delay ?? 0) / events) : null,
    },
  };
}

/** The overview, typed: picodollars, Date (the board report's forecast composes these). */
export type Overview = Awaited<ReturnType<typeof readOverview>>;

/** The month-to-date comparison on the wire (the board report's forecast freezes it, decision 037). */
export function monthToDateToWire(m: Overview["monthToDate"]) {
  return {
    month: m.month,
    through: m.through,
    cost_usd: formatUsd6(m.cost),
    previous_month_same_days_usd: formatUsd6(m.previousMonthSameDays),
    previous_month_total_usd: formatUsd6(m.previousMonthTotal),
    change: m.change,
  };
}

/**
 * GET /api/v1/metrics/overview's form (snake_case, 6-decimal money), beside the reader
 * (docs/decisions/052-to-wire-beside-the-reader.md).
 */
export function overviewToWire(o: Overview) {
  const top = (rows: Overview["topFeatures"], label: string) =>
    rows.map((r) => ({ [label]: r.key, cost_usd: formatUsd6(r.cost), events: r.events }));
  return {
    period: o.period,
    filters: o.filters,
    totals: {
      total_cost_usd: formatUsd6(o.totals.totalCost),
      events: o.totals.events,
      interactions: o.totals.interactions,
      input_tokens: o.totals.inputTokens,
      output_tokens: o.totals.outputTokens,
      cached_input_tokens: o.totals.cachedInputTokens,
      unpriced_events: o.totals.unpricedEvents,
    },
    cost_by_day: {
      stack_by: o.costByDay.stackBy,
      keys: o.costByDay.keys,
      points: o.costByDay.points.map((pt) => ({
        day: pt.day,
        cost_usd: formatUsd6(pt.cost),
        by: Object.fromEntries(Object.entries(pt.by).map(([k, v]) => [k, formatUsd6(v)])),
      })),
    },
    top_features: top(o.topFeatures, "feature"),
    top_models: top(o.topModels, "model"),
    month_to_date: monthToDateToWire(o.monthToDate),
    freshness: {
      last_event_at: o.freshness.lastEventAt ? o.freshness.lastEventAt.toISOString() : null,
      mean_ingest_delay_ms: o.freshness.meanIngestDelayMs,
    },
  };
}

export async function getOverview(organizationId: string, q: Q, now = new Date()) {
  return overviewToWire(await readOverview(organizationId, q, now));
}

export type OverviewResponse = Awaited<ReturnType<typeof getOverview>>;
