import "server-only";
import { dbRead, Prisma } from "../db";
import { dailyWhere, featureModelDaily, needsDailyRollup } from "./query-filters";
import type { FeatureDayRow, ModelDayRow } from "./anti-pattern-figures";
import type { Filters } from "./schemas";

/**
 * The anti-pattern read's rollup rows at (day, feature, model) in [from, to), summed in SQL
 * (decision 054 "Anti-patterns"): one row per (feature, day) — the day's sums and its dominant
 * model — and one row per (model, day) from `periodFrom` on. That is days × (features + models)
 * rows instead of days × features × models; the JavaScript that folds them
 * (anti-pattern-figures.ts) no longer touches one row per model and day.
 *
 * The dominant model of a (feature, day) is the costliest; on equal cost the first model name in
 * byte order (COLLATE "C": the same on every server locale). Before, it was the first row the
 * GROUP BY happened to return, an order that changes with the plan (work_mem, spilled hash
 * batches), so an equal-cost day had no fixed answer.
 */
export async function loadFeatureModelDays(
  organizationId: string,
  range: { from: string; to: string },
  periodFrom: string,
  q: Filters,
): Promise<{ featureDays: FeatureDayRow[]; modelDays: ModelDayRow[] }> {
  // FeatureModelDailyRollup (DailyRollup summed over team, tier and environment) unless one of
  // those filters needs DailyRollup itself
  const table = featureModelDaily(q);
  const where = dailyWhere(organizationId, range, q);
  // g: cost, input and cached tokens at (day, feature, model) — FeatureModelDailyRollup's rows are
  // one per key already; DailyRollup's are summed over the other dimensions. Only what ranks the
  // models is summed at this grain: the (feature, day) sums come straight from the table (the
  // hash table per key stays small: with every sum at this grain it outgrew 4 MB work_mem)
  const g = needsDailyRollup(q)
    ? Prisma.sql`SELECT d.day, d.feature, d.model, sum(d."costUsd") AS cost, sum(d."inputTokens") AS input, sum(d."cachedInputTokens") AS cached
        FROM ${table} WHERE ${where} GROUP BY 1, 2, 3`
    : Prisma.sql`SELECT d.day, d.feature, d.model, d."costUsd" AS cost, d."inputTokens" AS input, d."cachedInputTokens" AS cached
        FROM ${table} WHERE ${where}`;
  const rows = await dbRead().$queryRaw<((FeatureDayRow & { s: "f" }) | (ModelDayRow & { s: "m" }))[]>`
    WITH g AS (${g})
    SELECT 'f' AS s, to_char(a.day, 'YYYY-MM-DD') AS day, a.feature, NULL AS model, a.cost, a.tokens, a.events, a.successes,
      a.streamed, a.delivered, a.aborted, t.top_model, t.top_input, t.top_cached
    FROM (SELECT d.day, d.feature, sum(d."costUsd")::text AS cost, (sum(d."inputTokens") + sum(d."outputTokens"))::text AS tokens,
            sum(d.events)::float8 AS events, sum(d.successes)::float8 AS successes, sum(d."streamedOutputTokens")::text AS streamed,
            sum(d."deliveredOutputTokens")::text AS delivered, sum(d."abortedEvents")::float8 AS aborted
          FROM ${table} WHERE ${where} GROUP BY 1, 2) a
    JOIN (SELECT DISTINCT ON (g.day, g.feature) g.day, g.feature, g.model AS top_model, g.input::text AS top_input, g.cached::text AS top_cached
          FROM g ORDER BY g.day, g.feature, g.cost DESC, g.model COLLATE "C") t ON t.day = a.day AND t.feature = a.feature
    UNION ALL
    SELECT 'm', to_char(g.day, 'YYYY-MM-DD'), NULL, g.model, sum(g.cost)::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM g WHERE g.day >= ${periodFrom}::date GROUP BY g.day, g.model`;
  return { featureDays: rows.filter((r) => r.s === "f"), modelDays: rows.filter((r) => r.s === "m") };
}
