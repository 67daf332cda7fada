import "server-only";
import { db, Prisma } from "../db";
import { divHalfEven, formatUsd6, parseUsd, toDecimalString, type Pico } from "../money";
import { daysBetween } from "./chart-prep";
import { fillBuckets } from "./histogram";
import { appliedFilters, interactionWhere, periodOut } from "./query-filters";
import { readFeatureSettings, thresholdOf } from "./read-settings";
import { resolvePeriod, type Filters } from "./schemas";

/**
 * GET /api/v1/metrics/cost-per-interaction?group_by=feature. Interactions are
 * InteractionRollup rows whose first event falls in the period (docs/metrics.md "Cost per interaction"). Percentiles are
 * PostgreSQL's percentile_cont over the interaction costs (float8 inside PostgreSQL; shown
 * with 6 decimals). Bounded: the 50 costliest features; the daily p50/p90 curve and the
 * histogram (20 buckets up to the feature's p99, plus one overflow bucket) for the 8 costliest.
 */
const MAX_FEATURES = 50;
const CURVE_FEATURES = 8;
export const HISTOGRAM_BUCKETS = 20;

const pico = (x: number | string | null): Pico | null => (x === null ? null : parseUsd(typeof x === "number" ? x : x));
const usd = (x: Pico | null) => (x === null ? null : formatUsd6(x));

export async function getCostPerInteraction(organizationId: string, q: Filters & { group_by?: "feature" }, now = new Date()) {
  const p = resolvePeriod(q, now);
  const where = interactionWhere(organizationId, p, q);
  const stats = await db().$queryRaw<{ feature: string; n: bigint; total: string; max: string; pct: number[] }[]>`
    SELECT i.feature, count(*)::bigint AS n, sum(i."costUsd")::text AS total, max(i."costUsd")::text AS max,
      percentile_cont(ARRAY[0.5, 0.9, 0.99]::float8[]) WITHIN GROUP (ORDER BY i."costUsd"::float8) AS pct
    FROM "InteractionRollup" i WHERE ${where}
    GROUP BY i.feature ORDER BY sum(i."costUsd") DESC, i.feature LIMIT ${MAX_FEATURES}`;
  const settings = await readFeatureSettings(organizationId);

  const features = stats.map((s) => {
    const n = Number(s.n);
    const total = parseUsd(s.total);
    // mean = total / n, exact, half-even at the picodollar (then 6 decimals in the answer)
    const mean = n > 0 ? divHalfEven(total, BigInt(n)) : null;
    const threshold = thresholdOf(settings, s.feature);
    return {
      feature: s.feature,
      interactions: n,
      total: total,
      mean,
      p50: pico(s.pct?.[0] ?? null),
      p90: pico(s.pct?.[1] ?? null),
      p99: pico(s.pct?.[2] ?? null),
      max: parseUsd(s.max),
      threshold,
      // review when total / n > threshold, compared exactly
      review: n > 0 && total > threshold * BigInt(n),
    };
  });

  const curveFeatures = features.slice(0, CURVE_FEATURES).map((f) => f.feature);
  let curve: { feature: string; day: string; n: bigint; pct: number[] }[] = [];
  let hist: { feature: string; b: number; n: bigint }[] = [];
  if (curveFeatures.length) {
    const inList = Prisma.join(curveFeatures);
    curve = await db().$queryRaw`
      SELECT i.feature, to_char(i.day, 'YYYY-MM-DD') AS day, count(*)::bigint AS n,
        percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY i."costUsd"::float8) AS pct
      FROM "InteractionRollup" i WHERE ${where} AND i.feature IN (${inList})
      GROUP BY 1, 2`;
    const uppers = features.slice(0, CURVE_FEATURES).map((f) => ({ feature: f.feature, upper: f.p99 && f.p99 > 0n ? f.p99 : f.max }));
    const upperJson = JSON.stringify(uppers.map((u) => ({ feature: u.feature, upper: formatUpper(u.upper) })));
    hist = await db().$queryRaw`
      WITH u AS (SELECT * FROM jsonb_to_recordset(${upperJson}::jsonb) AS x(feature text, upper numeric))
      SELECT i.feature, CASE WHEN u.upper <= 0 THEN 1 ELSE LEAST(floor(i."costUsd" * ${HISTOGRAM_BUCKETS} / u.upper)::int + 1, ${HISTOGRAM_BUCKETS + 1}) END AS b,
        count(*)::bigint AS n
      FROM "InteractionRollup" i JOIN u ON u.feature = i.feature
      WHERE ${where}
      GROUP BY 1, 2`;
    for (const u of uppers) (u as { upper: Pico }).upper = parseUsd(formatUpper(u.upper));
    const days = daysBetween(p.from, p.to);
    const byFeatureDay = new Map(curve.map((c) => [`${c.feature}|${c.day}`, c]));
    return {
      period: periodOut(p),
      filters: appliedFilters(q),
      group_by: "feature" as const,
      features: features.map(featureOut),
      review: features.filter((f) => f.review).map((f) => ({ feature: f.feature, mean_usd: usd(f.mean), threshold_usd: formatUsd6(f.threshold), interactions: f.interactions, total_cost_usd: formatUsd6(f.total) })),
      // rates over a day with no interactions are null (a gap), not 0
      daily: curveFeatures.map((feature) => ({
        feature,
        threshold_usd: formatUsd6(thresholdOf(settings, feature)),
        points: days.map((day) => {
          const c = byFeatureDay.get(`${feature}|${day}`);
          return { day, interactions: c ? Number(c.n) : 0, p50_usd: c ? usd(pico(c.pct[0])) : null, p90_usd: c ? usd(pico(c.pct[1])) : null };
        }),
      })),
      histograms: uppers.map((u) => ({
        feature: u.feature,
        buckets: fillBuckets(u.upper, HISTOGRAM_BUCKETS, hist.filter((h) => h.feature === u.feature).map((h) => [h.b, Number(h.n)])).map((b) => ({
          from_usd: formatUsd6(b.from),
          to_usd: b.to === null ? null : formatUsd6(b.to),
          interactions: b.count,
        })),
      })),
    };
  }
  return { period: periodOut(p), filters: appliedFilters(q), group_by: "feature" as const, features: [], review: [], daily: [], histograms: [] };
}

// upper edge at 12 decimals so SQL and the bucket edges agree exactly
const formatUpper = toDecimalString;

function featureOut(f: { feature: string; interactions: number; total: Pico; mean: Pico | null; p50: Pico | null; p90: Pico | null; p99: Pico | null; max: Pico; threshold: Pico; review: boolean }) {
  return {
    feature: f.feature,
    interactions: f.interactions,
    total_cost_usd: formatUsd6(f.total),
    mean_usd: usd(f.mean),
    p50_usd: usd(f.p50),
    p90_usd: usd(f.p90),
    p99_usd: usd(f.p99),
    max_usd: formatUsd6(f.max),
    threshold_usd: formatUsd6(f.threshold),
    review: f.review,
  };
}

export type CostPerInteractionResponse = Awaited<ReturnType<typeof getCostPerInteraction>>;
