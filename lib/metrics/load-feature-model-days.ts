import "server-only";
import { dbRead, Prisma } from "../db";
import { dailyWhere, featureModelDaily, needsDailyRollup } from "./query-filters";
import type { FeatureDayRow, ModelDayRow } from "./anti-pattern-figures";
import type { Filters } from "./schemas";

/**
 * The anti-pattern read's one scan of the rollup rows at (day, feature, model) in [from, to),
 * summed in SQL (decision 054 "Anti-patterns"): one row per (feature, day) — the day's sums and
 * its dominant model — and one row per (model, day) from `periodFrom` on. That is days ×
 * (features + models) rows instead of days × features × models; the JavaScript that folds them
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
  const rows = await dbRead().$queryRaw<((FeatureDayRow & { s: "f" }) | (ModelDayRow & { s: "m" }))[]>`
    WITH g AS (${featureModelDayRows(dailyWhere(organizationId, range, q), q)})
    SELECT 'f' AS s, to_char(g.day, 'YYYY-MM-DD') AS day, g.feature, NULL AS model, sum(g.cost)::text AS cost,
      (sum(g.input) + sum(g.output))::text AS tokens, sum(g.events)::float8 AS events, sum(g.successes)::float8 AS successes,
      sum(g.streamed)::text AS streamed, sum(g.delivered)::text AS delivered, sum(g.aborted)::float8 AS aborted,
      (array_agg(g.model ORDER BY g.cost DESC, g.model COLLATE "C"))[1] AS top_model,
      (array_agg(g.input ORDER BY g.cost DESC, g.model COLLATE "C"))[1]::text AS top_input,
      (array_agg(g.cached ORDER BY g.cost DESC, g.model COLLATE "C"))[1]::text AS top_cached
    FROM g GROUP BY g.day, g.feature
    UNION ALL
    SELECT 'm', to_char(g.day, 'YYYY-MM-DD'), NULL, g.model, sum(g.cost)::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM g WHERE g.day >= ${periodFrom}::date GROUP BY g.day, g.model`;
  return { featureDays: rows.filter((r) => r.s === "f"), modelDays: rows.filter((r) => r.s === "m") };
}

/**
 * The rows at (day, feature, model) as `g`: FeatureModelDailyRollup's own (one per key: nothing
 * to sum) unless a team, tier or environment filter needs DailyRollup, whose rows are then summed
 * over the other dimensions. Counts are summed as bigint/numeric (no int overflow on a busy day).
 */
function featureModelDayRows(where: Prisma.Sql, q: Filters): Prisma.Sql {
  return needsDailyRollup(q)
    ? Prisma.sql`SELECT d.day, d.feature, d.model, sum(d."costUsd") AS cost, sum(d."inputTokens") AS input, sum(d."outputTokens") AS output,
        sum(d."cachedInputTokens") AS cached, sum(d.events) AS events, sum(d.successes) AS successes, sum(d."streamedOutputTokens") AS streamed,
        sum(d."deliveredOutputTokens") AS delivered, sum(d."abortedEvents") AS aborted
      FROM ${featureModelDaily(q)} WHERE ${where} GROUP BY 1, 2, 3`
    : Prisma.sql`SELECT d.day, d.feature, d.model, d."costUsd" AS cost, d."inputTokens" AS input, d."outputTokens" AS output,
        d."cachedInputTokens" AS cached, d.events, d.successes, d."streamedOutputTokens" AS streamed,
        d."deliveredOutputTokens" AS delivered, d."abortedEvents" AS aborted
      FROM ${featureModelDaily(q)} WHERE ${where}`;
}
