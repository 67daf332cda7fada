import "server-only";
import { db, Prisma } from "../db";
import { parseUsd, toChartNumber } from "../money";
import { detectAbortGap, detectAgenticLoop, detectCacheRegression, detectNegativeUnitEconomics, detectTechnologyChurn, detectZombie, THRESHOLDS, trendWindows, type Finding } from "./anti-patterns";
import { daysBetween, weekStart } from "./chart-prep";
import { appliedFilters, dailyWhere, interactionWhere, periodOut } from "./query-filters";
import { readFeatureSettings } from "./read-settings";
import { resolvePeriod, type Filters } from "./schemas";

/**
 * GET /api/v1/metrics/anti-patterns: every detector of SPEC.md over the period's rollups,
 * for the 30 costliest features (and every model for technology churn). Each finding carries
 * its signal, evidence numbers, a daily sparkline (cost, USD as chart numbers) and the
 * dashboard link that shows it. Fired findings come first.
 */
const MAX_FEATURES = 30;

export async function getAntiPatterns(organizationId: string, q: Filters, now = new Date()) {
  const p = resolvePeriod(q, now);
  const dw = dailyWhere(organizationId, p, q);
  const iw = interactionWhere(organizationId, p, q);
  // the trend detectors judge the four whole weeks ending with the period's last whole week,
  // which may start before the period: the weekly and daily reads reach back that far
  // (never past today: weeks that have not happened are not "a fall")
  const today = resolvePeriod({}, now).to;
  const end = p.to < today ? p.to : today;
  const trend = trendWindows(end);
  const wide = { from: trend.from < p.from ? trend.from : p.from, to: p.to };
  const dwWide = dailyWhere(organizationId, wide, q);
  const [feat, daily, weeklyTok, weeklyUsers, inter, models, settings] = await Promise.all([
    db().$queryRaw<{ feature: string; cost: string; streamed: string; delivered: string; aborted: number; events: number }[]>`
      SELECT d.feature, sum(d."costUsd")::text AS cost, sum(d."streamedOutputTokens")::text AS streamed,
        sum(d."deliveredOutputTokens")::text AS delivered, sum(d."abortedEvents")::int AS aborted, sum(d.events)::int AS events
      FROM "DailyRollup" d WHERE ${dw} GROUP BY 1 ORDER BY sum(d."costUsd") DESC, 1 LIMIT ${MAX_FEATURES}`,
    db().$queryRaw<{ feature: string; day: string; model: string; cost: string; input: string; cached: string; events: number; successes: number }[]>`
      SELECT d.feature, to_char(d.day, 'YYYY-MM-DD') AS day, d.model, sum(d."costUsd")::text AS cost, sum(d."inputTokens")::text AS input,
        sum(d."cachedInputTokens")::text AS cached, sum(d.events)::int AS events, sum(d.successes)::int AS successes
      FROM "DailyRollup" d WHERE ${dwWide} GROUP BY 1, 2, 3`,
    db().$queryRaw<{ feature: string; week: string; tokens: string }[]>`
      SELECT d.feature, to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, sum(d."inputTokens" + d."outputTokens")::text AS tokens
      FROM "DailyRollup" d WHERE ${dwWide} GROUP BY 1, 2`,
    db().$queryRaw<{ feature: string; week: string; users: number; n: number }[]>`
      SELECT i.feature, to_char(date_trunc('week', i.day), 'YYYY-MM-DD') AS week, count(DISTINCT i."userId")::int AS users, count(*)::int AS n
      FROM "InteractionRollup" i WHERE ${interactionWhere(organizationId, wide, q)} GROUP BY 1, 2`,
    db().$queryRaw<{ feature: string; n: number; events: string; tokens: string; mean: number | null; sd: number | null }[]>`
      SELECT i.feature, count(*)::int AS n, sum(i.events)::text AS events, sum(i."inputTokens" + i."outputTokens")::text AS tokens,
        avg(i."costUsd"::float8) AS mean, stddev_pop(i."costUsd"::float8) AS sd
      FROM "InteractionRollup" i WHERE ${iw} GROUP BY 1`,
    db().$queryRaw<{ model: string; cost: string; last_day: string }[]>`
      SELECT d.model, sum(d."costUsd")::text AS cost, to_char(max(d.day), 'YYYY-MM-DD') AS last_day
      FROM "DailyRollup" d WHERE ${dw} GROUP BY 1 ORDER BY sum(d."costUsd") DESC LIMIT 100`,
    readFeatureSettings(organizationId),
  ]);
  // "used recently" means by any feature, up to the period end, whatever the filters
  const lastUse = models.length
    ? await db().$queryRaw<{ model: string; last_day: string }[]>`
        SELECT d.model, to_char(max(d.day), 'YYYY-MM-DD') AS last_day FROM "DailyRollup" d
        WHERE d."organizationId" = ${organizationId} AND d.day < ${p.to}::date AND d.day >= ${p.from}::date - 400
          AND d.model IN (${Prisma.join(models.map((m) => m.model))})
        GROUP BY 1`
    : [];
  const lastBy = new Map(lastUse.map((r) => [r.model, r.last_day]));
  const days = daysBetween(p.from, p.to);
  const spark = (rows: { day: string; cost: string }[]) => {
    const m = new Map<string, bigint>();
    for (const r of rows) m.set(r.day, (m.get(r.day) ?? 0n) + parseUsd(r.cost));
    return days.map((d) => toChartNumber(m.get(d) ?? 0n));
  };
  const linkFor = (path: string, extra: Record<string, string>) => `${path}?${new URLSearchParams({ from: p.from, to: p.to, ...appliedFilters(q), ...extra })}`;

  const findings: (Finding & { sparkline: number[]; link: string })[] = [];
  for (const f of feat) {
    const rows = daily.filter((d) => d.feature === f.feature);
    const sparkline = spark(rows);
    const s = settings.get(f.feature);
    const weeks = [...new Set(weeklyTok.filter((w) => w.feature === f.feature).map((w) => w.week))].sort();
    const zombieRows = weeks.map((week) => ({
      week,
      tokens: Number(weeklyTok.find((w) => w.feature === f.feature && w.week === week)?.tokens ?? 0),
      activeUsers: weeklyUsers.find((w) => w.feature === f.feature && w.week === week)?.users ?? 0,
    }));
    findings.push({ ...detectZombie(f.feature, zombieRows, end), sparkline, link: linkFor("/overview", { feature: f.feature }) });
    const it = inter.find((x) => x.feature === f.feature);
    findings.push({
      ...detectAgenticLoop(f.feature, {
        interactions: it?.n ?? 0, events: Number(it?.events ?? 0), tokens: Number(it?.tokens ?? 0),
        designTokens: s?.designTokensPerRequest ?? null, designCalls: s?.designCallsPerRequest ?? null, costMean: it?.mean ?? null, costStddev: it?.sd ?? null,
      }),
      sparkline, link: linkFor("/cost-per-interaction", { feature: f.feature }),
    });
    const value = s?.valuePerUnit ?? null;
    const margins = weeks.map((week) => {
      const wr = rows.filter((r) => weekStart(r.day) === week);
      const units = weeklyUsers.find((w) => w.feature === f.feature && w.week === week)?.n ?? 0;
      const cost = wr.reduce((a, r) => a + parseUsd(r.cost), 0n);
      const ev = wr.reduce((a, r) => a + r.events, 0), succ = wr.reduce((a, r) => a + r.successes, 0);
      const margin = units > 0 && ev > 0 ? toChartNumber(value ?? 0n) * (succ / ev) - toChartNumber(cost) / units : null;
      return { week, units, unitMargin: margin };
    });
    findings.push({ ...detectNegativeUnitEconomics(f.feature, margins, end), sparkline, link: linkFor("/unit-economics", { feature: f.feature }) });
    const byDay = new Map<string, { day: string; model: string; inputTokens: number; cachedTokens: number; cost: bigint }>();
    for (const r of rows) {
      if (r.day < p.from) continue; // the cache detector judges the period itself
      const cur = byDay.get(r.day);
      const c = parseUsd(r.cost);
      const inTok = Number(r.input), cached = Number(r.cached);
      // the day's dominant model (by cost) stands for the feature's model version that day
      if (!cur) byDay.set(r.day, { day: r.day, model: r.model, inputTokens: inTok, cachedTokens: cached, cost: c });
      else if (c > cur.cost) byDay.set(r.day, { day: r.day, model: r.model, inputTokens: inTok, cachedTokens: cached, cost: c });
    }
    const cacheDays = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    findings.push({ ...detectCacheRegression(f.feature, cacheDays), sparkline, link: linkFor("/efficiency", { feature: f.feature }) });
    findings.push({
      ...detectAbortGap(f.feature, { streamedOutputTokens: Number(f.streamed), deliveredOutputTokens: Number(f.delivered), abortedEvents: f.aborted, events: f.events }),
      sparkline, link: linkFor("/efficiency", { feature: f.feature }),
    });
  }
  const churn = detectTechnologyChurn(models.map((m) => ({ model: m.model, cost: toChartNumber(parseUsd(m.cost)), lastDay: lastBy.get(m.model) ?? m.last_day })), end);
  for (const c of churn) {
    findings.push({ ...c, sparkline: spark(daily.filter((d) => d.model === c.subject)), link: linkFor("/overview", { model: c.subject }) });
  }
  const order = (f: Finding) => (f.fired ? (f.severity === "critical" ? 0 : 1) : 2);
  findings.sort((a, b) => order(a) - order(b) || a.detector.localeCompare(b.detector) || a.subject.localeCompare(b.subject));
  return {
    period: periodOut(p),
    trend_windows: { before_from: trend.from, after_from: trend.after[0], to: trend.to, label: trend.label },
    filters: appliedFilters(q),
    thresholds: THRESHOLDS,
    fired: findings.filter((f) => f.fired).length,
    findings: findings.slice(0, 300),
  };
}

export type AntiPatternsResponse = Awaited<ReturnType<typeof getAntiPatterns>>;
