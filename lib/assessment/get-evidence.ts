import "server-only";
import { dbRead, Prisma } from "../db";
import { parseUsd, ratio } from "../money";
import { detectZombie, trendWindows } from "../metrics/anti-patterns";
import { resolvePeriod, DAY_MS as DAY } from "../time";
import * as rules from "./evidence-rules";
import type { Evidence } from "./evidence-rules";
import { shadowAuditEvidence } from "../shadow-ai/shadow-ai";

/** Bounded sample for the delay percentiles: the most recent events of the last 24 h. */
export const DELAY_SAMPLE_LIMIT = 5000;
/** Feature names that do not identify a business capability. */
const PLACEHOLDER_FEATURES = ["", "unknown", "default", "none", "unallocated"];

/**
 * Gathers the numbers behind every evidence rule for an organisation (optionally one team),
 * from rollups wherever they carry the signal: DailyRollup (30 days), InteractionRollup
 * (session/user share), and a bounded CostEvent sample only for the delay percentiles
 * (DailyRollup.delayMsSum gives a mean, not a median or p95).
 */
export async function getEvidence(
  organizationId: string,
  team: string | null,
  now = new Date(),
): Promise<{ asOf: string; team: string | null; evidence: Evidence[] }> {
  const since30 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 30 * DAY);
  const since56 = new Date(since30.getTime() - 26 * DAY);
  const since24h = new Date(now.getTime() - DAY);
  const teamDaily = team === null ? Prisma.empty : Prisma.sql`AND team = ${team}`;
  const teamEvent = team === null ? Prisma.empty : Prisma.sql`AND team = ${team}`;

  const [totals] = await dbRead().$queryRaw<{ events: bigint; with_feature: bigint; delay_sum: string }[]>`
    SELECT COALESCE(SUM(events), 0)::bigint AS events,
           COALESCE(SUM(events) FILTER (WHERE NOT (lower(feature) = ANY(${PLACEHOLDER_FEATURES}))), 0)::bigint AS with_feature,
           COALESCE(SUM("delayMsSum"), 0)::text AS delay_sum
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND day >= ${since30}::date AND day <= ${now}::date ${teamDaily}`;

  const [meta] = await dbRead().$queryRaw<{ events: bigint; with_meta: bigint }[]>`
    SELECT COALESCE(SUM(events), 0)::bigint AS events,
           COALESCE(SUM(events) FILTER (WHERE "interactionKey" NOT LIKE 'event:%' OR "userId" IS NOT NULL), 0)::bigint AS with_meta
    FROM "InteractionRollup"
    WHERE "organizationId" = ${organizationId} AND day >= ${since30}::date AND day <= ${now}::date ${teamDaily}`;

  const [delay] = await dbRead().$queryRaw<{ n: bigint; p50: number | null; p95: number | null }[]>`
    SELECT COUNT(*)::bigint AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS p95
    FROM (
      SELECT EXTRACT(EPOCH FROM ("receivedAt" - "timestamp")) * 1000 AS d
      FROM "CostEvent"
      WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${since24h} AND "timestamp" <= ${now} ${teamEvent}
      ORDER BY "timestamp" DESC
      LIMIT ${DELAY_SAMPLE_LIMIT}
    ) s`;

  const features = await dbRead().$queryRaw<{ feature: string; cost: string; models: string[] }[]>`
    SELECT feature, SUM("costUsd")::text AS cost, array_agg(DISTINCT model ORDER BY model) AS models
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND day >= ${since30}::date AND day <= ${now}::date ${teamDaily}
    GROUP BY feature ORDER BY SUM("costUsd") DESC LIMIT 500`;

  const [weeks] = await dbRead().$queryRaw<{ days: bigint; weeks: bigint; first: string | null }[]>`
    SELECT COUNT(DISTINCT day)::bigint AS days, COUNT(DISTINCT date_trunc('week', day))::bigint AS weeks, MIN(day)::text AS first
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND day >= ${since56}::date AND day <= ${now}::date AND events > 0 ${teamDaily}`;

  const providers = await dbRead().$queryRaw<{ provider: string; input: string; cached: string }[]>`
    SELECT provider, SUM("inputTokens")::text AS input, SUM("cachedInputTokens")::text AS cached
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND day >= ${since30}::date AND day <= ${now}::date ${teamDaily}
    GROUP BY provider ORDER BY provider LIMIT 100`;

  const names = features.map((f) => f.feature);
  const [configured, budgets, fixedCosts, zombies] = await Promise.all([
    dbRead().feature.findMany({ where: { organizationId, name: { in: names } } }),
    dbRead().budget.findMany({ where: { organizationId, scope: "feature", scopeRef: { in: names } }, select: { scopeRef: true } }),
    dbRead().fixedCost.findMany({ where: { organizationId, deletedAt: null, allocationRule: "direct" }, select: { allocation: true } }),
    findZombies(organizationId, team, now),
  ]);
  const byName = new Map(configured.map((f) => [f.name, f]));
  const budgeted = new Set(budgets.map((b) => b.scopeRef));
  const fixedFor = new Set(
    fixedCosts.map((c) => (c.allocation as { feature?: string } | null)?.feature).filter((f): f is string => typeof f === "string"),
  );

  const total = features.reduce((s, f) => s + parseUsd(f.cost), 0n);
  const valued = features.filter((f) => {
    const cfg = byName.get(f.feature);
    return cfg?.valuePerUnitUsd != null && !!cfg.valueMethod;
  });
  const valuedCost = valued.reduce((s, f) => s + parseUsd(f.cost), 0n);
  const events = Number(totals.events);

  // the shadow-AI audit is organisation-wide (statements are not per team)
  const shadow = await shadowAuditEvidence(organizationId, now);
  const evidence: Evidence[] = [
    rules.perFeatureTokensRule({ events, withFeature: Number(totals.with_feature) }),
    rules.requestMetadataRule({ events: Number(meta.events), withSessionOrUser: Number(meta.with_meta) }),
    rules.minutesFreshRule({
      sampled: Number(delay.n),
      medianMs: delay.p50 === null ? null : Number(delay.p50),
      p95Ms: delay.p95 === null ? null : Number(delay.p95),
      mean30dMs: events > 0 ? Number(BigInt(totals.delay_sum.split(".")[0]) / BigInt(events)) : null,
    }),
    rules.costPerUnitRule({
      activeFeatures: features.length,
      configured: names.filter((n) => byName.has(n)).length,
      missing: names.filter((n) => !byName.has(n)),
    }),
    rules.weeklyTrendRule({ daysWithData: Number(weeks.days), distinctWeeks: Number(weeks.weeks), firstDay: weeks.first }),
    rules.valueMetricRule({
      activeFeatures: features.length,
      withValue: valued.length,
      costShareWithValue: features.length ? (total === 0n ? 0 : ratio(valuedCost, total)) : null,
    }),
    rules.modelSelectionRule({ perFeature: features.map((f) => ({ feature: f.feature, models: f.models })) }),
    rules.maxTokensRule(),
    rules.cachingRule({
      perProvider: providers.map((p) => ({ provider: p.provider, inputTokens: Number(p.input), cachedInputTokens: Number(p.cached) })),
    }),
    rules.cogsEstimateRule({
      activeFeatures: features.length,
      withoutEstimate: names.filter((n) => !byName.get(n)?.designTokensPerRequest && !fixedFor.has(n)),
    }),
    rules.featureBudgetsRule({
      activeFeatures: features.length,
      withBudget: names.filter((n) => budgeted.has(n)).length,
      missing: names.filter((n) => !budgeted.has(n)),
    }),
    rules.zombieRule(zombies),
    rules.shadowAiRule(shadow),
  ];
  return { asOf: now.toISOString(), team, evidence };
}

/**
 * Zombie candidates: the Anti-patterns page's detector (lib/metrics/anti-patterns detectZombie)
 * over the same windows (trendWindows: the last two whole weeks against the two before, ending
 * with the default period's last whole week) and the same weekly rows — tokens from
 * DailyRollup, distinct user ids per week from InteractionRollup — so both pages give one answer.
 */
async function findZombies(organizationId: string, team: string | null, now: Date) {
  const to = resolvePeriod({}, now).to;
  const win = trendWindows(to);
  const teamFilter = team === null ? Prisma.empty : Prisma.sql`AND team = ${team}`;
  const [tok, usr] = await Promise.all([
    dbRead().$queryRaw<{ feature: string; week: string; tokens: string }[]>`
      SELECT feature, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, SUM("inputTokens" + "outputTokens")::text AS tokens
      FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND day >= ${win.from}::date AND day < ${win.to}::date ${teamFilter}
      GROUP BY 1, 2 LIMIT 5000`,
    dbRead().$queryRaw<{ feature: string; week: string; users: number }[]>`
      SELECT feature, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, COUNT(DISTINCT "userId")::int AS users
      FROM "InteractionRollup"
      WHERE "organizationId" = ${organizationId} AND day >= ${win.from}::date AND day < ${win.to}::date ${teamFilter}
      GROUP BY 1, 2 LIMIT 5000`,
  ]);
  const features = [...new Set(tok.map((r) => r.feature))].sort();
  return {
    featuresChecked: features.length,
    zombies: features.filter((feature) => {
      const weeks = [...win.before, ...win.after].map((week) => ({
        week,
        tokens: Number(tok.find((r) => r.feature === feature && r.week === week)?.tokens ?? 0),
        activeUsers: usr.find((r) => r.feature === feature && r.week === week)?.users ?? 0,
      }));
      return detectZombie(feature, weeks, to).fired;
    }),
  };
}
