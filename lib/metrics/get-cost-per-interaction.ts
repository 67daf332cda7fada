import "server-only";
import { dbRead, Prisma } from "../db";
import { divHalfEven, formatUsd6, parseUsd, toDecimalString, type Pico } from "../money";
import { daysBetween } from "./chart-prep";
import { fillBuckets } from "./histogram";
import { appliedFilters, interactionWhere, periodOut, statsWhere } from "./query-filters";
import { CostSketch, EXACT_PERCENTILE_MAX, SKETCH_ALPHA, type PercentileMethod } from "./sketch";
import { readFeatureSettings, thresholdOf } from "../settings/read-settings";
import type { Filters } from "./schemas";
import { resolvePeriod } from "../time";

/**
 * GET /api/v1/metrics/cost-per-interaction?group_by=feature. Interactions are those whose
 * first event falls in the period (docs/metrics.md "Cost per interaction"). Count, total, mean and max are exact, from the
 * InteractionStats rollup (rows per day × feature × filter grain: flat in the event count).
 * Percentiles (p50/p90/p99, the daily p50/p90 curve, the histogram): for a cohort of at most
 * EXACT_PERCENTILE_MAX interactions, PostgreSQL's percentile_cont over InteractionRollup
 * (`percentile_method: "exact"`); above it, the rollup's DDSketch (`"sketch"`, relative error
 * ≤ SKETCH_ALPHA; decision 012). Bounded: the 50 costliest features; the curve and the
 * histogram (20 buckets up to the feature's p99, plus one overflow bucket) for the 8 costliest.
 */
const MAX_FEATURES = 50;
const CURVE_FEATURES = 8;
export const HISTOGRAM_BUCKETS = 20;

const pico = (x: number | string | null): Pico | null => (x === null ? null : parseUsd(typeof x === "number" ? x : x));
const usd = (x: Pico | null) => (x === null ? null : formatUsd6(x));

type Curve = { feature: string; day: string; n: number; p50: Pico | null; p90: Pico | null };

/**
 * The cost per interaction, typed (picodollars): what the route, the board report and MCP
 * compose. `opts.method` forces a method (tests compare the two on one cohort); the API never sets it.
 */
export async function readCostPerInteraction(
  organizationId: string,
  q: Filters & { group_by?: "feature" },
  now = new Date(),
  opts: { method?: PercentileMethod } = {},
) {
  const p = resolvePeriod(q, now);
  const sw = statsWhere(organizationId, p, q);
  const stats = await dbRead().$queryRaw<{ feature: string; n: bigint; total: string; max: string | null; cohort: bigint }[]>`
    SELECT s.feature, sum(s.interactions)::bigint AS n, sum(s."costUsd")::text AS total, max(s."costMax")::text AS max,
      (sum(sum(s.interactions)) OVER ())::bigint AS cohort
    FROM "InteractionStats" s WHERE ${sw}
    GROUP BY s.feature HAVING sum(s.interactions) > 0 ORDER BY sum(s."costUsd") DESC, s.feature LIMIT ${MAX_FEATURES}`;
  const settings = await readFeatureSettings(organizationId);
  const cohort = Number(stats[0]?.cohort ?? 0n);
  const method: PercentileMethod = opts.method ?? (cohort <= EXACT_PERCENTILE_MAX ? "exact" : "sketch");
  const names = stats.map((s) => s.feature);
  const curveFeatures = names.slice(0, CURVE_FEATURES);
  const pct =
    method === "exact"
      ? await exactPercentiles(organizationId, p, q, names, curveFeatures)
      : await sketchPercentiles(sw, names, curveFeatures, stats);

  const features: CpiFeature[] = stats.map((s) => {
    const n = Number(s.n);
    const total = parseUsd(s.total);
    // mean = total / n, exact, half-even at the picodollar (then 6 decimals in the answer)
    const mean = n > 0 ? divHalfEven(total, BigInt(n)) : null;
    const threshold = thresholdOf(settings, s.feature);
    const ps = pct.byFeature.get(s.feature);
    return {
      feature: s.feature,
      interactions: n,
      total: total,
      mean,
      p50: ps?.[0] ?? null,
      p90: ps?.[1] ?? null,
      p99: ps?.[2] ?? null,
      max: parseUsd(s.max ?? "0"),
      threshold,
      // review when total / n > threshold, compared exactly
      review: n > 0 && total > threshold * BigInt(n),
    };
  });
  const base = {
    period: periodOut(p),
    filters: appliedFilters(q),
    groupBy: "feature" as const,
    percentileMethod: method,
    percentileRelativeError: method === "exact" ? 0 : SKETCH_ALPHA,
    exactCutoffInteractions: EXACT_PERCENTILE_MAX,
    features,
    // the features whose mean is above their threshold (the page's and the report's review list)
    review: features.filter((f) => f.review),
  };
  if (!curveFeatures.length) return { ...base, daily: [] as CpiDaily[], histograms: [] as CpiHistogram[] };

  const uppers = features
    .slice(0, CURVE_FEATURES)
    .map((f) => ({ feature: f.feature, upper: parseUsd(formatUpper(f.p99 && f.p99 > 0n ? f.p99 : f.max)) }));
  const hist = await pct.histogram(uppers);
  const days = daysBetween(p.from, p.to);
  const byFeatureDay = new Map(pct.curve.map((c) => [`${c.feature}|${c.day}`, c]));
  return {
    ...base,
    // rates over a day with no interactions are null (a gap), not 0
    daily: curveFeatures.map((feature): CpiDaily => ({
      feature,
      threshold: thresholdOf(settings, feature),
      points: days.map((day) => {
        const c = byFeatureDay.get(`${feature}|${day}`);
        return { day, interactions: c ? c.n : 0, p50: c ? c.p50 : null, p90: c ? c.p90 : null };
      }),
    })),
    histograms: uppers.map((u): CpiHistogram => ({
      feature: u.feature,
      buckets: fillBuckets(
        u.upper,
        HISTOGRAM_BUCKETS,
        hist.filter((h) => h.feature === u.feature).map((h) => [h.b, h.n]),
      ).map((b) => ({ from: b.from, to: b.to, interactions: b.count })),
    })),
  };
}

export type CpiFeature = {
  feature: string;
  interactions: number;
  total: Pico;
  mean: Pico | null;
  p50: Pico | null;
  p90: Pico | null;
  p99: Pico | null;
  max: Pico;
  threshold: Pico;
  review: boolean;
};
/** A feature's daily p50/p90 curve: null on a day without interactions (a gap, not 0). */
type CpiDaily = {
  feature: string;
  threshold: Pico;
  points: { day: string; interactions: number; p50: Pico | null; p90: Pico | null }[];
};
type CpiHistogram = { feature: string; buckets: { from: Pico; to: Pico | null; interactions: number }[] };

/** The cost per interaction, typed (picodollars). */
export type CostPerInteraction = Awaited<ReturnType<typeof readCostPerInteraction>>;

/**
 * GET /api/v1/metrics/cost-per-interaction's form (snake_case, 6-decimal money), beside the
 * reader (docs/decisions/052-to-wire-beside-the-reader.md).
 */
export function costPerInteractionToWire(c: CostPerInteraction) {
  return {
    period: c.period,
    filters: c.filters,
    group_by: c.groupBy,
    percentile_method: c.percentileMethod,
    percentile_relative_error: c.percentileRelativeError,
    exact_cutoff_interactions: c.exactCutoffInteractions,
    features: c.features.map(featureOut),
    review: c.review.map((f) => ({
      feature: f.feature,
      mean_usd: usd(f.mean),
      threshold_usd: formatUsd6(f.threshold),
      interactions: f.interactions,
      total_cost_usd: formatUsd6(f.total),
    })),
    daily: c.daily.map((d) => ({
      feature: d.feature,
      threshold_usd: formatUsd6(d.threshold),
      points: d.points.map((pt) => ({
        day: pt.day,
        interactions: pt.interactions,
        p50_usd: usd(pt.p50),
        p90_usd: usd(pt.p90),
      })),
    })),
    histograms: c.histograms.map((h) => ({
      feature: h.feature,
      buckets: h.buckets.map((b) => ({
        from_usd: formatUsd6(b.from),
        to_usd: b.to === null ? null : formatUsd6(b.to),
        interactions: b.interactions,
      })),
    })),
  };
}

/** The route's reader: the typed value on the wire. */
export async function getCostPerInteraction(
  organizationId: string,
  q: Filters & { group_by?: "feature" },
  now = new Date(),
  opts: { method?: PercentileMethod } = {},
) {
  return costPerInteractionToWire(await readCostPerInteraction(organizationId, q, now, opts));
}

type Percentiles = {
  byFeature: Map<string, (Pico | null)[]>;
  curve: Curve[];
  histogram: (uppers: { feature: string; upper: Pico }[]) => Promise<{ feature: string; b: number; n: number }[]>;
};

/** Small cohort: PostgreSQL's percentile_cont over the interactions themselves (≤ EXACT_PERCENTILE_MAX rows). */
async function exactPercentiles(
  organizationId: string,
  p: { from: string; to: string },
  q: Filters,
  names: string[],
  curveFeatures: string[],
): Promise<Percentiles> {
  if (names.length === 0) return { byFeature: new Map(), curve: [], histogram: async () => [] };
  const where = Prisma.sql`${interactionWhere(organizationId, p, q)} AND i.feature IN (${Prisma.join(names)})`;
  const rows = await dbRead().$queryRaw<{ feature: string; pct: number[] }[]>`
    SELECT i.feature, percentile_cont(ARRAY[0.5, 0.9, 0.99]::float8[]) WITHIN GROUP (ORDER BY i."costUsd"::float8) AS pct
    FROM "InteractionRollup" i WHERE ${where} GROUP BY i.feature`;
  const curveWhere = Prisma.sql`${interactionWhere(organizationId, p, q)} AND i.feature IN (${Prisma.join(curveFeatures)})`;
  const curve = await dbRead().$queryRaw<{ feature: string; day: string; n: bigint; pct: number[] }[]>`
    SELECT i.feature, to_char(i.day, 'YYYY-MM-DD') AS day, count(*)::bigint AS n,
      percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY i."costUsd"::float8) AS pct
    FROM "InteractionRollup" i WHERE ${curveWhere}
    GROUP BY 1, 2`;
  return {
    byFeature: new Map(rows.map((r) => [r.feature, [pico(r.pct?.[0] ?? null), pico(r.pct?.[1] ?? null), pico(r.pct?.[2] ?? null)]])),
    curve: curve.map((c) => ({ feature: c.feature, day: c.day, n: Number(c.n), p50: pico(c.pct[0]), p90: pico(c.pct[1]) })),
    histogram: async (uppers) => {
      const upperJson = JSON.stringify(uppers.map((u) => ({ feature: u.feature, upper: formatUpper(u.upper) })));
      const hist = await dbRead().$queryRaw<{ feature: string; b: number; n: bigint }[]>`
        WITH u AS (SELECT * FROM jsonb_to_recordset(${upperJson}::jsonb) AS x(feature text, upper numeric))
        SELECT i.feature, CASE WHEN u.upper <= 0 THEN 1 ELSE LEAST(floor(i."costUsd" * ${HISTOGRAM_BUCKETS} / u.upper)::int + 1, ${HISTOGRAM_BUCKETS + 1}) END AS b,
          count(*)::bigint AS n
        FROM "InteractionRollup" i JOIN u ON u.feature = i.feature
        WHERE ${curveWhere}
        GROUP BY 1, 2`;
      return hist.map((h) => ({ feature: h.feature, b: h.b, n: Number(h.n) }));
    },
  };
}

/** Large cohort: merge the period's sketch rows (days × features × grain rows, never interactions). */
async function sketchPercentiles(
  sw: Prisma.Sql,
  names: string[],
  curveFeatures: string[],
  stats: { feature: string; max: string | null }[],
): Promise<Percentiles> {
  const rows = await dbRead().$queryRaw<
    { feature: string; day: string; n: number; zeros: number; lo: number | null; counts: string | null }[]
  >`
    SELECT s.feature, to_char(s.day, 'YYYY-MM-DD') AS day, s.interactions AS n, s.zeros, s.lo, s.counts::text AS counts
    FROM "InteractionStats" s WHERE ${sw} AND s.feature IN (${Prisma.join(names)})`;
  const all = new Map<string, CostSketch>();
  const daily = new Map<string, { feature: string; day: string; n: number; sk: CostSketch }>();
  const curveSet = new Set(curveFeatures);
  for (const r of rows) {
    const counts = r.counts ? parseIntArray(r.counts) : null;
    if (!all.has(r.feature)) all.set(r.feature, new CostSketch());
    all.get(r.feature)!.mergeRow(r.zeros, r.lo, counts);
    if (curveSet.has(r.feature)) {
      const k = `${r.feature}|${r.day}`;
      if (!daily.has(k)) daily.set(k, { feature: r.feature, day: r.day, n: 0, sk: new CostSketch() });
      const d = daily.get(k)!;
      d.n += r.n;
      d.sk.mergeRow(r.zeros, r.lo, counts);
    }
  }
  const maxOf = new Map(stats.map((s) => [s.feature, s.max === null ? undefined : Number(s.max)]));
  const toPico = (v: number | null) => (v === null ? null : parseUsd(v.toFixed(12)));
  return {
    byFeature: new Map([...all].map(([f, sk]) => [f, sk.quantiles([0.5, 0.9, 0.99], maxOf.get(f)).map(toPico)])),
    curve: [...daily.values()]
      .filter((d) => d.n > 0)
      .map((d) => {
        const [p50, p90] = d.sk.quantiles([0.5, 0.9], maxOf.get(d.feature));
        return { feature: d.feature, day: d.day, n: d.n, p50: toPico(p50), p90: toPico(p90) };
      }),
    histogram: async (uppers) =>
      uppers.flatMap((u) => {
        const upper = Number(formatUsd6(u.upper));
        const by = new Map<number, number>();
        for (const [v, c] of all.get(u.feature)?.entries() ?? []) {
          const b = upper <= 0 ? 1 : Math.min(Math.floor((v * HISTOGRAM_BUCKETS) / upper) + 1, HISTOGRAM_BUCKETS + 1);
          by.set(b, (by.get(b) ?? 0) + c);
        }
        return [...by].map(([b, n]) => ({ feature: u.feature, b, n }));
      }),
  };
}

/** "{1,0,3}" → [1, 0, 3] (PostgreSQL int[] text; faster than a generic array parser at this size). */
function parseIntArray(text: string): number[] {
  const inner = text.slice(1, -1);
  if (!inner) return [];
  const parts = inner.split(",");
  const out = new Array<number>(parts.length);
  for (let k = 0; k < parts.length; k++) out[k] = +parts[k];
  return out;
}

// upper edge at 12 decimals so SQL and the bucket edges agree exactly
const formatUpper = toDecimalString;

function featureOut(f: CpiFeature) {
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
