import "server-only";
import { db, Prisma } from "../db";
import { parseUsd } from "../money";
import { monthRange } from "../time";
import { trappedTenantsSql } from "../metrics/get-trapped-tenants";
import { quotaUsage } from "../billing/get-contracts";
import { quotaPacing } from "../billing/quota-pacing";
import { listCatalogModels } from "../pricing/catalog-rates";
import {
  indexQuotas,
  routeKey,
  UNIT_SCALE,
  type BudgetUnit,
  type BudgetWindow,
  type ModelRoute,
  type PolicyView,
  type QuotaVerdict,
} from "@spendline/guardrail-core";

/** Default predicted LTV of a free tenant when the organisation has no `free` Tier row. */
export const DEFAULT_FREE_LTV_USD = "2.00";
/** Estimate per check when a feature has no cost yet this month. */
export const DEFAULT_ESTIMATE_USD = "0.01";

export type HardBudget = {
  id: string;
  scope: string;
  scopeRef: string;
  /** in the budget's unit (× UNIT_SCALE for tokens and requests) */
  limitPico: bigint;
  fallbackModel: string | null;
  unit: BudgetUnit;
  window: BudgetWindow;
};

export type OrgSnapshot = {
  organizationId: string;
  loadedAt: number;
  month: string;
  policies: Map<string, PolicyView>;
  /** feature → team whose budget it spends: Feature.ownerTeam, else its top team this month */
  featureTeam: Map<string, string>;
  spentFeature: Map<string, bigint>;
  spentTeam: Map<string, bigint>;
  spentOrg: { value: bigint };
  hardBudgets: HardBudget[];
  /** feature → mean cost per event this month: the reservation per allowed check */
  estimate: Map<string, bigint>;
  defaultEstimate: bigint;
  /** feature → mean tokens per event this month × UNIT_SCALE: the reservation on token budgets */
  estimateTokens: Map<string, bigint>;
  defaultEstimateTokens: bigint;
  trapped: Set<string>;
  /** quotas that pace short (downgrade) or are used up (block), with the models each covers */
  quotas: (QuotaVerdict & { models: string[] })[];
  /** requested model → the most urgent of `quotas` covering it */
  quotaByModel: Map<string, QuotaVerdict>;
  /** routeKey(feature, from_model) → approved guardrail_downgrade policy draft */
  routes: Map<string, ModelRoute>;
};

/** At most this many approved model routes are applied (oldest decision first). */
export const MAX_MODEL_ROUTES = 1000;

/**
 * Pacing verdicts of the organisation's quotas (docs/decisions/023-contracts.md): one rollup
 * read per quota (quotas are few). Only quotas that do not last the month are kept; the
 * reason names the day, not the numbers, so that the snapshot version changes at most daily.
 */
async function quotaVerdicts(organizationId: string, now: Date, from: Date, to: Date): Promise<(QuotaVerdict & { models: string[] })[]> {
  const quotas = await db().quota.findMany({ where: { organizationId }, orderBy: [{ provider: "asc" }, { model: "asc" }] });
  const short = (
    await Promise.all(
      quotas.map(async (q) => {
        const p = quotaPacing({ limit: Number(q.monthlyLimit), used: await quotaUsage(organizationId, q, now), now });
        return { q, p };
      }),
    )
  ).filter(({ p }) => p.action !== "allow");
  if (short.length === 0) return [];
  let seen: { provider: string; model: string }[] = [];
  if (short.some(({ q }) => q.model === "")) {
    seen = await db().$queryRaw<{ provider: string; model: string }[]>(Prisma.sql`
      SELECT DISTINCT "provider", "model" FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date`);
  }
  return short.map(({ q, p }) => {
    const what = `${q.unit === "usd" ? "spend" : "token"} quota for ${q.provider}${q.model ? `/${q.model}` : ""}`;
    const day = p.projected_exhaustion?.slice(0, 10) ?? null;
    const models = q.model
      ? [q.model]
      : [
          ...new Set([
            ...seen.filter((r) => r.provider.toLowerCase() === q.provider.toLowerCase()).map((r) => r.model),
            ...listCatalogModels()
              .filter((m) => m.provider === q.provider.toLowerCase())
              .map((m) => m.model),
          ]),
        ].sort();
    return {
      provider: q.provider,
      model: q.model,
      action: p.action,
      projectedExhaustion: day,
      reason: p.action === "block" ? `${what} is used up for this month` : `${what} projected to run out on ${day}, before the month ends`,
      models,
    };
  });
}

async function modelRoutes(organizationId: string): Promise<Map<string, ModelRoute>> {
  const rows = await db().policyDraft.findMany({
    where: { organizationId, type: "guardrail_downgrade", status: "applied" },
    orderBy: { decidedAt: "asc" },
    select: { id: true, proposal: true },
    take: MAX_MODEL_ROUTES,
  });
  const routes = new Map<string, ModelRoute>();
  for (const r of rows) {
    const p = r.proposal as { feature?: string; from_model?: string; to_model?: string };
    if (p.feature && p.from_model && p.to_model) routes.set(routeKey(p.feature, p.from_model), { toModel: p.to_model, draftId: r.id });
  }
  return routes;
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export async function loadSnapshot(organizationId: string, now = new Date()): Promise<OrgSnapshot> {
  const month = currentMonth(now);
  const { from, to } = monthRange(month);
  const [policies, budgets, features, spend, freeTier, quotas, routes] = await Promise.all([
    db().guardrailPolicy.findMany({ where: { organizationId } }),
    db().budget.findMany({ where: { organizationId, mode: "hard" } }),
    db().feature.findMany({ where: { organizationId }, select: { name: true, ownerTeam: true } }),
    db().$queryRaw<{ feature: string; team: string; cost: string; events: bigint; tokens: bigint }[]>(Prisma.sql`
      SELECT "feature", "team", SUM("costUsd")::text AS cost, SUM("events")::bigint AS events,
        SUM("inputTokens" + "outputTokens")::bigint AS tokens FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
      GROUP BY "feature", "team"`),
    db().tier.findUnique({ where: { organizationId_name: { organizationId, name: "free" } } }),
    quotaVerdicts(organizationId, now, from, to),
    modelRoutes(organizationId),
  ]);
  const ltv = freeTier ? freeTier.predictedLtvUsd.toString() : DEFAULT_FREE_LTV_USD;
  // trapped = the freemium trap's own definition: the cost of the first-30-day window that
  // ingestion keeps on each Tenant row (decision 013), the trapped ones only
  // (lib/metrics/get-trapped-tenants.ts, the same function the freemium page reads); summing every free
  // tenant's daily rollups instead took ~950 ms at 40,000 tenants (10M-event demo) on every
  // snapshot load. A window still marked stale (repair pending) is summed from its days.
  const trappedRows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT x.tenant AS id FROM (${trappedTenantsSql(organizationId, parseUsd(ltv))}) x WHERE NOT x.stale
    UNION
    SELECT t."externalId" FROM "Tenant" t
    JOIN "TenantDailyRollup" r ON r."organizationId" = t."organizationId" AND r."tenantId" = t."externalId"
    WHERE t."organizationId" = ${organizationId} AND t."tier" = 'free' AND t."windowStale"
      AND r."day" >= t."firstEventAt"::date AND r."day" < (t."firstEventAt"::date + 30)
    GROUP BY t."externalId" HAVING SUM(r."costUsd") > ${ltv}::numeric`);

  const spentFeature = new Map<string, bigint>();
  const spentTeam = new Map<string, bigint>();
  const eventsFeature = new Map<string, bigint>();
  const topTeam = new Map<string, { team: string; cost: bigint }>();
  let org = 0n;
  let orgEvents = 0n;
  let orgTokens = 0n;
  const tokensFeature = new Map<string, bigint>();
  for (const r of spend) {
    tokensFeature.set(r.feature, (tokensFeature.get(r.feature) ?? 0n) + BigInt(r.tokens));
    orgTokens += BigInt(r.tokens);
    const c = parseUsd(r.cost);
    spentFeature.set(r.feature, (spentFeature.get(r.feature) ?? 0n) + c);
    spentTeam.set(r.team, (spentTeam.get(r.team) ?? 0n) + c);
    eventsFeature.set(r.feature, (eventsFeature.get(r.feature) ?? 0n) + r.events);
    org += c;
    orgEvents += r.events;
    const top = topTeam.get(r.feature);
    if (!top || c > top.cost) topTeam.set(r.feature, { team: r.team, cost: c });
  }
  const featureTeam = new Map<string, string>();
  for (const [f, t] of topTeam) featureTeam.set(f, t.team);
  for (const f of features) if (f.ownerTeam) featureTeam.set(f.name, f.ownerTeam);

  const estimate = new Map<string, bigint>();
  for (const [f, c] of spentFeature) {
    const n = eventsFeature.get(f) ?? 0n;
    if (n > 0n && c > 0n) estimate.set(f, c / n);
  }
  const estimateTokens = new Map<string, bigint>();
  for (const [f, t] of tokensFeature) {
    const n = eventsFeature.get(f) ?? 0n;
    if (n > 0n && t > 0n) estimateTokens.set(f, (t / n) * UNIT_SCALE);
  }

  return {
    organizationId,
    loadedAt: Date.now(),
    month,
    policies: new Map(
      policies.map((p) => [
        p.feature,
        {
          fallbackAction: p.fallbackAction,
          fallbackModel: p.fallbackModel,
          killSwitch: p.killSwitch,
          killSwitchReason: p.killSwitchReason,
          anomalyActive: !!p.anomalyTrippedAt && (!p.anomalyClearedAt || p.anomalyClearedAt < p.anomalyTrippedAt),
          freemiumThrottle: p.freemiumThrottle,
        },
      ]),
    ),
    featureTeam,
    spentFeature,
    spentTeam,
    spentOrg: { value: org },
    hardBudgets: budgets.map((b) => ({
      id: b.id,
      scope: b.scope,
      scopeRef: b.scopeRef,
      limitPico: parseUsd(b.monthlyLimitUsd.toString()),
      fallbackModel: b.fallbackModel,
      unit: b.unit as BudgetUnit,
      window: b.window as BudgetWindow,
    })),
    estimate,
    estimateTokens,
    defaultEstimateTokens: orgEvents > 0n ? (orgTokens / orgEvents) * UNIT_SCALE : 1_000n * UNIT_SCALE,
    defaultEstimate: orgEvents > 0n && org > 0n ? org / orgEvents : parseUsd(DEFAULT_ESTIMATE_USD),
    trapped: new Set(trappedRows.map((r) => r.id)),
    quotas,
    quotaByModel: indexQuotas(quotas),
    routes,
  };
}
