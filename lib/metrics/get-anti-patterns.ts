import "server-only";
import { dbRead, Prisma } from "../db";
import { parseUsd, toChartNumber } from "../money";
import * as detectors from "./anti-patterns";
import { daysBetween, weekStart } from "./chart-prep";
import { appliedFilters, dailyWhere, dimWhere, featureModelDaily, periodOut, statsWhere } from "./query-filters";
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
  const dwWide = dailyWhere(organizationId, wide, q);
  const swWide = statsWhere(organizationId, wide, q);
  // one scan at (feature, day, model) — of FeatureModelDailyRollup unless a team, tier or
  // environment filter needs DailyRollup: the per-feature, per-week and per-model figures below
  // are sums of these rows (bounded by days × features × models)
  const [daily, weeklyUsers, inter, settings] = await Promise.all([
    dbRead().$queryRaw<
      {
        feature: string;
        day: string;
        model: string;
        cost: string;
        input: string;
        output: string;
        cached: string;
        events: number;
        successes: number;
        streamed: string;
        delivered: string;
        aborted: number;
      }[]
    >`
      SELECT d.feature, to_char(d.day, 'YYYY-MM-DD') AS day, d.model, sum(d."costUsd")::text AS cost, sum(d."inputTokens")::text AS input,
        sum(d."outputTokens")::text AS output, sum(d."cachedInputTokens")::text AS cached, sum(d.events)::int AS events, sum(d.successes)::int AS successes,
        sum(d."streamedOutputTokens")::text AS streamed, sum(d."deliveredOutputTokens")::text AS delivered, sum(d."abortedEvents")::int AS aborted
      FROM ${featureModelDaily(q)} WHERE ${dwWide} GROUP BY 1, 2, 3`,
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
  ]);
  // each row's cost parsed once, its ISO week computed once per day, rows grouped once per feature
  const weekCache = new Map<string, string>();
  const weekOf = (day: string) => weekCache.get(day) ?? (weekCache.set(day, weekStart(day)), weekCache.get(day)!);
  const dailyWide = daily.map((r) => ({ ...r, pc: parseUsd(r.cost), week: weekOf(r.day) }));
  // the period's own rows (the weeks before it only feed the trend detectors)
  const dailyP = dailyWide.filter((r) => r.day >= p.from);
  const rowsOf = new Map<string, typeof dailyP>();
  for (const r of dailyWide) (rowsOf.get(r.feature) ?? rowsOf.set(r.feature, []).get(r.feature)!).push(r);
  type FeatureSum = { feature: string; cost: bigint; streamed: number; delivered: number; aborted: number; events: number; tokens: number };
  const featBy = new Map<string, FeatureSum>();
  const weekTok = new Map<string, number>();
  for (const r of dailyWide) {
    const wk = `${r.feature}|${r.week}`;
    weekTok.set(wk, (weekTok.get(wk) ?? 0) + Number(r.input) + Number(r.output));
  }
  const modelBy = new Map<string, { model: string; cost: bigint; last_day: string }>();
  for (const r of dailyP) {
    const c = r.pc;
    const f = featBy.get(r.feature) ?? { feature: r.feature, cost: 0n, streamed: 0, delivered: 0, aborted: 0, events: 0, tokens: 0 };
    f.cost += c;
    f.streamed += Number(r.streamed);
    f.delivered += Number(r.delivered);
    f.aborted += r.aborted;
    f.events += r.events;
    f.tokens += Number(r.input) + Number(r.output);
    featBy.set(r.feature, f);
    const m = modelBy.get(r.model) ?? { model: r.model, cost: 0n, last_day: r.day };
    m.cost += c;
    if (r.day > m.last_day) m.last_day = r.day;
    modelBy.set(r.model, m);
  }
  const byCost = <T extends { cost: bigint }>(a: T, b: T, ka: string, kb: string) =>
    a.cost === b.cost ? ka.localeCompare(kb) : a.cost > b.cost ? -1 : 1;
  const feat = [...featBy.values()].sort((a, b) => byCost(a, b, a.feature, b.feature)).slice(0, MAX_FEATURES);
  const weeklyTok = [...weekTok].map(([k, tokens]) => ({
    feature: k.slice(0, k.lastIndexOf("|")),
    week: k.slice(k.lastIndexOf("|") + 1),
    tokens,
  }));
  const models = [...modelBy.values()].sort((a, b) => byCost(a, b, a.model, b.model)).slice(0, 100);
  // "used recently" means by any feature, up to the period end, whatever the filters
  const lastUse = models.length
    ? await dbRead().$queryRaw<{ model: string; last_day: string }[]>`
        SELECT d.model, to_char(max(d.day), 'YYYY-MM-DD') AS last_day FROM "FeatureModelDailyRollup" d
        WHERE d."organizationId" = ${organizationId} AND d.day < ${p.to}::date AND d.day >= ${p.from}::date - 400
          AND d.model IN (${Prisma.join(models.map((m) => m.model))})
        GROUP BY 1`
    : [];
  const lastBy = new Map(lastUse.map((r) => [r.model, r.last_day]));
  const days = daysBetween(p.from, p.to);
  const spark = (rows: { day: string; pc: bigint }[]) => {
    const m = new Map<string, bigint>();
    for (const r of rows) m.set(r.day, (m.get(r.day) ?? 0n) + r.pc);
    return days.map((d) => toChartNumber(m.get(d) ?? 0n));
  };
  const linkFor = (path: string, extra: Record<string, string>) =>
    `${path}?${new URLSearchParams({ from: p.from, to: p.to, ...appliedFilters(q), ...extra })}`;

  const usersBy = new Map(weeklyUsers.map((w) => [`${w.feature}|${w.week}`, w]));
  const findings: (detectors.Finding & { sparkline: number[]; link: string })[] = [];
  for (const f of feat) {
    const rows = rowsOf.get(f.feature) ?? [];
    const sparkline = spark(rows);
    const s = settings.get(f.feature);
    const weeks = [...new Set(weeklyTok.filter((w) => w.feature === f.feature).map((w) => w.week))].sort();
    const zombieRows = weeks.map((week) => ({
      week,
      tokens: weekTok.get(`${f.feature}|${week}`) ?? 0,
      activeUsers: usersBy.get(`${f.feature}|${week}`)?.users ?? 0,
    }));
    findings.push({ ...detectors.detectZombie(f.feature, zombieRows, end), sparkline, link: linkFor("/overview", { feature: f.feature }) });
    const it = inter.find((x) => x.feature === f.feature);
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
    const margins = weeks.map((week) => {
      const wr = rows.filter((r) => r.week === week);
      const units = usersBy.get(`${f.feature}|${week}`)?.n ?? 0;
      const cost = wr.reduce((a, r) => a + r.pc, 0n);
      const ev = wr.reduce((a, r) => a + r.events, 0),
        succ = wr.reduce((a, r) => a + r.successes, 0);
      const margin = units > 0 && ev > 0 ? toChartNumber(value ?? 0n) * (succ / ev) - toChartNumber(cost) / units : null;
      return { week, units, unitMargin: margin };
    });
    findings.push({
      ...detectors.detectNegativeUnitEconomics(f.feature, margins, end),
      sparkline,
      link: linkFor("/unit-economics", { feature: f.feature }),
    });
    const byDay = new Map<string, { day: string; model: string; inputTokens: number; cachedTokens: number; cost: bigint }>();
    for (const r of rows) {
      if (r.day < p.from) continue; // the cache detector judges the period itself
      const cur = byDay.get(r.day);
      const c = r.pc;
      const inTok = Number(r.input),
        cached = Number(r.cached);
      // the day's dominant model (by cost) stands for the feature's model version that day
      if (!cur) byDay.set(r.day, { day: r.day, model: r.model, inputTokens: inTok, cachedTokens: cached, cost: c });
      else if (c > cur.cost) byDay.set(r.day, { day: r.day, model: r.model, inputTokens: inTok, cachedTokens: cached, cost: c });
    }
    const cacheDays = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    findings.push({
      ...detectors.detectCacheRegression(f.feature, cacheDays),
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
    models.map((m) => ({ model: m.model, cost: toChartNumber(m.cost), lastDay: lastBy.get(m.model) ?? m.last_day })),
    end,
  );
  for (const c of churn) {
    findings.push({
      ...c,
      sparkline: spark(dailyP.filter((d) => d.model === c.subject)),
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
