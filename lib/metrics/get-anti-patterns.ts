import "server-only";
import { dbRead } from "../db";
import { toChartNumber } from "../money";
import * as detectors from "./anti-patterns";
import { daysBetween } from "./chart-prep";
import { appliedFilters, dimWhere, periodOut, statsWhere } from "./query-filters";
import { foldFeatureModelDays } from "./anti-pattern-figures";
import { loadFeatureModelDays } from "./load-feature-model-days";
import { readFeatureSettings } from "../settings/read-settings";
import type { Filters } from "./schemas";
import { resolvePeriod, addDays } from "../time";
import { agentShiftLines } from "../coding-agents/agent-shift";
import type { TeamScope } from "../coding-agents/get-coding-agents";

/**
 * GET /api/v1/metrics/anti-patterns: every detector of docs/metrics.md over the period's rollups,
 * for the 30 costliest features (and every model for technology churn). Each finding carries
 * its signal, evidence numbers, a daily sparkline (cost, USD as chart numbers) and the
 * dashboard link that shows it. Fired findings come first.
 *
 * The seventh detector, the coding-agent shift (lib/coding-agents/shift-detector.ts), judges each
 * team's agent CI runs over the six whole weeks before the week of the period's end. It is added
 * only for a caller who may read coding agents (`agents`: their scope, null = not at all) and only
 * when no feature, model, tier or environment filter is set (those lines have none of these);
 * a team filter keeps that team's line.
 */
const MAX_FEATURES = 30;

export async function getAntiPatterns(organizationId: string, q: Filters, now = new Date(), agents: TeamScope | null = null) {
  const p = resolvePeriod(q, now);
  const sw = statsWhere(organizationId, p, q);
  // the trend detectors (zombie, unit economics) judge the four whole weeks ending with the
  // period's last whole week, which may start before the period: the weekly and daily reads
  // reach back that far (never past today: weeks that have not happened are not "a fall")
  const today = resolvePeriod({}, now).to;
  const end = p.to < today ? p.to : today;
  const trend = detectors.trendWindows(end);
  const wide = { from: trend.from < p.from ? trend.from : p.from, to: p.to };
  const swWide = statsWhere(organizationId, wide, q);
  // the (feature, day, model) rollup rows, summed in SQL to (feature, day) and (model, day)
  // rows: the per-feature, per-week and per-model figures below are sums of these
  const [read, weeklyUsers, inter, settings, lastUse] = await Promise.all([
    loadFeatureModelDays(organizationId, wide, p.from, q),
    // interactions per week (units) from InteractionStats; distinct active users per feature and
    // ISO week from FeatureWeekRollup (users with any event that week; feature filter only)
    dbRead().$queryRaw<{ feature: string; week: string; users: number; n: number }[]>`
      SELECT COALESCE(a.feature, u.feature) AS feature, COALESCE(a.week, u.week) AS week, COALESCE(u.users, 0)::int AS users, COALESCE(a.n, 0)::int AS n
      FROM (SELECT s.feature, to_char(date_trunc('week', s.day), 'YYYY-MM-DD') AS week, sum(s.interactions)::int AS n
            FROM "InteractionStats" s WHERE ${swWide} GROUP BY 1, 2 HAVING sum(s.interactions) > 0) a
      FULL JOIN (SELECT w.feature, to_char(w.week, 'YYYY-MM-DD') AS week, w.users FROM "FeatureWeekRollup" w
            WHERE w."organizationId" = ${organizationId} AND w.week >= date_trunc('week', ${wide.from}::date)::date AND w.week < ${p.to}::date
              ${dimWhere(q, "w", ["feature"])}) u ON u.feature = a.feature AND u.week = a.week`,
    // per feature: interactions, exact mean and population standard deviation of the cost per
    // interaction (Σx and Σx² of InteractionStats); events and tokens of the period (DailyRollup)
    dbRead().$queryRaw<{ feature: string; n: number; mean: number | null; sd: number | null }[]>`
      SELECT s.feature, s.n, (s.total / NULLIF(s.n, 0))::float8 AS mean,
        CASE WHEN s.n > 0 THEN sqrt(GREATEST(s.sq / s.n - (s.total / s.n) ^ 2, 0))::float8 END AS sd
      FROM (SELECT s.feature, sum(s.interactions)::int AS n, sum(s."costUsd") AS total, sum(s."costSq") AS sq
            FROM "InteractionStats" s WHERE ${sw} GROUP BY 1) s`,
    readFeatureSettings(organizationId),
    // "used recently" means by any feature, up to the period end, whatever the filters. Every
    // model's last day: naming the period's models would scan the same rows (no index leads with
    // model), and without them this read need not wait for the one above
    dbRead().$queryRaw<{ model: string; last_day: string }[]>`
      SELECT d.model, to_char(max(d.day), 'YYYY-MM-DD') AS last_day FROM "FeatureModelDailyRollup" d
      WHERE d."organizationId" = ${organizationId} AND d.day < ${p.to}::date AND d.day >= ${p.from}::date - 400
      GROUP BY 1`,
  ]);
  const figures = foldFeatureModelDays(read.featureDays, read.modelDays, p.from);
  const feat = figures.features.slice(0, MAX_FEATURES);
  const models = figures.models.slice(0, 100);
  const lastBy = new Map(lastUse.map((r) => [r.model, r.last_day]));
  const days = daysBetween(p.from, p.to);
  const spark = (daily: Map<string, bigint>) => days.map((d) => toChartNumber(daily.get(d) ?? 0n));
  const linkFor = (path: string, extra: Record<string, string>) =>
    `${path}?${new URLSearchParams({ from: p.from, to: p.to, ...appliedFilters(q), ...extra })}`;

  const usersBy = new Map(weeklyUsers.map((w) => [`${w.feature}|${w.week}`, w]));
  const interBy = new Map(inter.map((x) => [x.feature, x]));
  const findings: (detectors.Finding & { sparkline: number[]; link: string })[] = [];
  for (const f of feat) {
    const sparkline = spark(f.dailyCost);
    const s = settings.get(f.feature);
    const zombieRows = f.weeks.map((w) => ({
      week: w.week,
      tokens: w.tokens,
      activeUsers: usersBy.get(`${f.feature}|${w.week}`)?.users ?? 0,
    }));
    findings.push({ ...detectors.detectZombie(f.feature, zombieRows, end), sparkline, link: linkFor("/overview", { feature: f.feature }) });
    const it = interBy.get(f.feature);
    findings.push({
      ...detectors.detectAgenticLoop(f.feature, {
        interactions: it?.n ?? 0,
        events: f.events,
        tokens: f.tokens,
        designTokens: s?.designTokensPerRequest ?? null,
        designCalls: s?.designCallsPerRequest ?? null,
        costMean: it?.mean ?? null,
        costStddev: it?.sd ?? null,
      }),
      sparkline,
      link: linkFor("/cost-per-interaction", { feature: f.feature }),
    });
    const value = s?.valuePerUnit ?? null;
    const margins = f.weeks.map((w) => {
      const units = usersBy.get(`${f.feature}|${w.week}`)?.n ?? 0;
      const margin =
        units > 0 && w.events > 0 ? toChartNumber(value ?? 0n) * (w.successes / w.events) - toChartNumber(w.cost) / units : null;
      return { week: w.week, units, unitMargin: margin };
    });
    findings.push({
      ...detectors.detectNegativeUnitEconomics(f.feature, margins, end),
      sparkline,
      link: linkFor("/unit-economics", { feature: f.feature }),
    });
    // the day's dominant model (by cost) stands for the feature's model version that day
    findings.push({
      ...detectors.detectCacheRegression(f.feature, f.cacheDays),
      sparkline,
      link: linkFor("/efficiency", { feature: f.feature }),
    });
    findings.push({
      ...detectors.detectAbortGap(f.feature, {
        streamedOutputTokens: f.streamed,
        deliveredOutputTokens: f.delivered,
        abortedEvents: f.aborted,
        events: f.events,
      }),
      sparkline,
      link: linkFor("/efficiency", { feature: f.feature }),
    });
  }
  const churn = detectors.detectTechnologyChurn(
    models.map((m) => ({ model: m.model, cost: toChartNumber(m.cost), lastDay: lastBy.get(m.model) ?? m.lastDay })),
    end,
  );
  const modelBy = new Map(models.map((m) => [m.model, m]));
  for (const c of churn) {
    findings.push({
      ...c,
      sparkline: spark(modelBy.get(c.subject)!.dailyCost),
      link: linkFor("/overview", { model: c.subject }),
    });
  }
  const agentScope = shiftScope(agents, q);
  if (agentScope) {
    for (const l of await agentShiftLines(organizationId, end, agentScope, p)) {
      findings.push({
        ...l.finding,
        sparkline: days.map((d) => toChartNumber(l.dailyCost.get(d) ?? 0n)),
        link: `/coding-agents?${new URLSearchParams({ month: addDays(end, -1).slice(0, 7) })}`,
      });
    }
  }
  const order = (f: detectors.Finding) => (f.fired ? (f.severity === "critical" ? 0 : 1) : 2);
  findings.sort((a, b) => order(a) - order(b) || a.detector.localeCompare(b.detector) || a.subject.localeCompare(b.subject));
  return {
    period: periodOut(p),
    trend_windows: { before_from: trend.from, after_from: trend.after[0], to: trend.to, label: trend.label },
    filters: appliedFilters(q),
    thresholds: detectors.THRESHOLDS,
    fired: findings.filter((f) => f.fired).length,
    findings: findings.slice(0, 300),
  };
}

export type AntiPatternsResponse = Awaited<ReturnType<typeof getAntiPatterns>>;

/** Which coding-agent lines the shift detector may show under these filters (null: none). */
export function shiftScope(agents: TeamScope | null, q: Filters): TeamScope | null {
  if (!agents || q.feature || q.model || q.tier || q.environment) return null;
  if (!q.team) return agents;
  if (agents.all) return { all: false, team: q.team };
  return agents.team === q.team ? agents : null;
}
