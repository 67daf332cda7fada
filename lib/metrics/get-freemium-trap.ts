import "server-only";
import { dbRead, Prisma } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { cheaperModels } from "./cheaper-models";
import { FREE_TIER } from "../settings/default-tiers";
import { paidRevenue, subsidyRatio, trappedShare } from "./freemium";
import { appliedFilters, dailyWhere, dimWhere, periodOut } from "./query-filters";
import { readTierSettings } from "../settings/read-settings";
import { trappedTenantsSql } from "./get-trapped-tenants";
import { TENANT_RANK } from "../rollups/definition";
import type { Filters } from "./schemas";
import { addDays, resolvePeriod, DAY_MS } from "../time";

/**
 * GET /api/v1/metrics/freemium-trap?as_of=YYYY-MM-DD. Cohort: free-tier tenants (Tenant.tier,
 * the tier of their latest event) whose first event falls in [from, to) — by default the 30
 * days ending with the as_of day (default: today). Each one's cost30d covers [first event,
 * first event + 30 × 24 h), cut at the end of the as_of day for tenants whose window is not
 * over yet (`window_complete: false`).
 * Without feature/model filters nothing reads one row per cohort tenant (decision 054): the
 * cohort's totals come from TenantCohortDay, the trapped ones and the list from walking the
 * costliest windows down (trappedTenantsSql), open windows from the tenants seen after as_of.
 * With feature/model filters neither (decision 054): the cohort's filtered cost from
 * TenantCohortPart, the trapped ones among the trapped tenants, the list from TenantWindowRank
 * walked from the costliest filtered window down. With many open windows (a past
 * as_of) it reads one row per cohort tenant: the window kept by ingestion on Tenant (decision
 * 013), or its TenantWindow parts when feature/model filters narrow it. Only a window still open at as_of with events
 * after it is summed from TenantDailyRollup's whole days (the cut is at midnight). Never raw events.
 * Paid revenue counts tenants active in the period by their latest tier (TenantCohortDay).
 * Filters: feature and model narrow the tenant cost; team and environment narrow the subsidy
 * ratio's free-tier cost only (tenant rollups do not carry them).
 */
const MAX_TENANTS = 100;
/** Open windows the fast path sums one by one (more: a past as_of, the general path). */
const MAX_OPEN_WINDOWS = 2_000n;

export async function readFreemiumTrap(organizationId: string, q: Filters & { as_of?: string }, now = new Date()) {
  const asOf = q.as_of ?? now.toISOString().slice(0, 10);
  // as_of alone: the 30 days ending with the as_of day
  const p = resolvePeriod(q, q.as_of && !q.from && !q.to ? new Date(`${q.as_of}T12:00:00Z`) : now);
  const cutoff = addDays(asOf, 1); // exclusive
  const tiers = await readTierSettings(organizationId);
  const ltv = tiers.get(FREE_TIER)!.predictedLtv;
  const ltvText = toDecimalString(ltv);
  const narrowed = q.feature !== undefined || q.model !== undefined;
  const tdFilter = dimWhere(q, "r", ["feature", "model"]);
  const twFilter = dimWhere(q, "w", ["feature", "model"]);

  const cohortSql = (only: Prisma.Sql = Prisma.empty) => Prisma.sql`
    WITH cohort AS (
      SELECT t."externalId" AS tenant, t."firstEventAt" AS first,
        LEAST(t."firstEventAt" + interval '30 days', ${cutoff}::timestamp) AS until,
        t."firstEventAt" + interval '30 days' <= ${cutoff}::timestamp AS complete,
        -- the stored window is the answer unless the window is open at as_of with later events
        (t."firstEventAt" + interval '30 days' <= ${cutoff}::timestamp OR t."lastEventAt" < ${cutoff}::timestamp) AS stored,
        t."windowEvents", t."windowCostUsd"
      FROM "Tenant" t
      WHERE t."organizationId" = ${organizationId} AND t.tier = ${FREE_TIER}
        AND t."firstEventAt" >= ${p.from}::timestamp AND t."firstEventAt" < ${p.to}::timestamp
        AND t."firstEventAt" < ${cutoff}::timestamp ${only}
    ),
    -- per tenant, and only where needed (a one-time filter skips the lookup for the others)
    narrowed AS (
      SELECT c.tenant, pt.cost, pt.events FROM cohort c
      CROSS JOIN LATERAL (SELECT sum(w."costUsd") AS cost, sum(w.events) AS events FROM "TenantWindow" w
        WHERE ${narrowed}::boolean AND c.stored AND w."organizationId" = ${organizationId} AND w."tenantId" = c.tenant ${twFilter}) pt
      WHERE ${narrowed}::boolean
    ),
    days AS (
      SELECT c.tenant, d.cost, d.events FROM cohort c
      CROSS JOIN LATERAL (SELECT sum(r."costUsd") AS cost, sum(r.events) AS events FROM "TenantDailyRollup" r
        WHERE NOT c.stored AND r."organizationId" = ${organizationId} AND r."tenantId" = c.tenant
          AND r.day >= c.first::date AND r.day < ${cutoff}::date ${tdFilter}) d
      WHERE NOT c.stored
    ),
    scored AS (
      SELECT c.tenant, c.first, c.until, c.complete, c.stored,
        CASE WHEN NOT c.stored THEN COALESCE(d.cost, 0) WHEN ${narrowed}::boolean THEN COALESCE(pt.cost, 0) ELSE c."windowCostUsd" END AS cost30d,
        (CASE WHEN NOT c.stored THEN COALESCE(d.events, 0) WHEN ${narrowed}::boolean THEN COALESCE(pt.events, 0) ELSE c."windowEvents" END)::bigint AS events
      FROM cohort c LEFT JOIN narrowed pt ON pt.tenant = c.tenant LEFT JOIN days d ON d.tenant = c.tenant
    )`;

  type Row = { tenant: string; first: Date; until: Date; complete: boolean; cost30d: string; events: bigint };
  type Totals = { tenants: bigint; trapped: bigint; cost: string | null; trapped_cost: string | null };
  const totalsSql = (where: Prisma.Sql) => Prisma.sql`
    (count(*) FILTER (WHERE ${where}) OVER ())::bigint AS tenants,
    (count(*) FILTER (WHERE ${where} AND cost30d > ${ltvText}::numeric) OVER ())::bigint AS trapped,
    (sum(cost30d) FILTER (WHERE ${where}) OVER ())::text AS cost,
    (sum(cost30d) FILTER (WHERE ${where} AND cost30d > ${ltvText}::numeric) OVER ())::text AS trapped_cost`;
  // Bounded path (decisions 051, 054), without feature/model filters: nothing here reads one
  // row per cohort tenant.
  //  - open windows (open at as_of with events after it: a past as_of, or events stamped after
  //    today) are found by the tenants seen after as_of (Tenant (organizationId, tier,
  //    lastEventAt)); they are summed from tenant-day rollups as before. More than
  //    MAX_OPEN_WINDOWS (a past as_of): the general path.
  //  - cohort tenants and cost: TenantCohortDay (per first-event day), less the open windows'
  //    stored figures;
  //  - trapped tenants and cost: the trapped tenants (trappedTenantsSql, from the costliest
  //    window down to the LTV) that are in the cohort and stored;
  //  - the list: the 100 costliest stored windows of the cohort (the same index, walked until
  //    100 fall in the cohort) plus the open ones, ranked together.
  // over columns `first` and `last` (a Tenant row's first and last event)
  const storedIf = (first: Prisma.Sql, last: Prisma.Sql) =>
    Prisma.sql`(${first} + interval '30 days' <= ${cutoff}::timestamp OR ${last} < ${cutoff}::timestamp)`;
  const cohortIf = (first: Prisma.Sql) =>
    Prisma.sql`${first} >= ${p.from}::timestamp AND ${first} < ${p.to}::timestamp AND ${first} < ${cutoff}::timestamp`;
  const [tFirst, tLast] = [Prisma.sql`t."firstEventAt"`, Prisma.sql`t."lastEventAt"`];
  const open = await dbRead().$queryRaw<{ tenant: string; cost: string }[]>`
        SELECT t."externalId" AS tenant, t."windowCostUsd"::text AS cost FROM "Tenant" t
        WHERE t."organizationId" = ${organizationId} AND t.tier = ${FREE_TIER} AND t."lastEventAt" >= ${cutoff}::timestamp
          AND ${cohortIf(tFirst)} AND NOT ${storedIf(tFirst, tLast)}
        LIMIT ${MAX_OPEN_WINDOWS + 1n}`;
  let list: Row[];
  let totals: { tenants: number; trapped: number; cost: bigint; trappedCost: bigint };
  const toTotals = (a: Totals | undefined) => ({
    tenants: Number(a?.tenants ?? 0n),
    trapped: Number(a?.trapped ?? 0n),
    cost: parseUsd(a?.cost ?? "0"),
    trappedCost: parseUsd(a?.trapped_cost ?? "0"),
  });
  const lastDay = p.to < cutoff ? p.to : cutoff; // exclusive; both are day starts
  const cohortTenants = () => dbRead().$queryRaw<{ tenants: bigint | null; cost: string | null }[]>`
    SELECT sum(c.tenants)::bigint AS tenants, sum(c."windowCostUsd")::text AS cost FROM "TenantCohortDay" c
    WHERE c."organizationId" = ${organizationId} AND c.tier = ${FREE_TIER} AND c.day >= ${p.from}::date AND c.day < ${lastDay}::date`;
  // the listed and open tenants' rows, ranked; their totals over the open ones (NOT stored)
  const rankedSql = (ids: string[]) =>
    ids.length
      ? dbRead().$queryRaw<(Row & Totals)[]>`
          ${cohortSql(Prisma.sql`AND t."externalId" = ANY(${ids}::text[])`)}
          SELECT tenant, first, until, complete, cost30d::text AS cost30d, events, ${totalsSql(Prisma.sql`NOT stored`)}
          FROM scored
          ORDER BY scored.cost30d DESC, tenant LIMIT ${MAX_TENANTS}`
      : Promise.resolve([]);
  // '' is no event's feature or model (TenantWindowRank's "every one"): the general path answers it
  if (narrowed && q.feature !== "" && q.model !== "" && BigInt(open.length) <= MAX_OPEN_WINDOWS) {
    // Feature/model filters (decision 054): the cohort's tenants are the same (TenantCohortDay); a
    // tenant's cost is the part of its window the filters keep. Nothing reads one row per cohort
    // tenant or per tenant that used the feature/model:
    //  - the cohort's filtered cost: TenantCohortPart (parts by tier and first-event day), less
    //    the open windows' parts counted there (read by key);
    //  - trapped: a part of a window costs at most the window (costs are ≥ 0), so the tenants
    //    trapped under a filter are among the trapped ones (trappedTenantsSql); each one's
    //    filtered cost is one TenantWindowRank row by key;
    //  - the list: TenantWindowRank's (feature, model) rows from the costliest down, each tenant
    //    checked by key (latest tier free, first event in the cohort, window stored) until 100
    //    pass; tenants without a matching part cost 0: the first of them by id when needed.
    const [f, m] = [q.feature ?? TENANT_RANK.all, q.model ?? TENANT_RANK.all];
    const partFilter = Prisma.sql`${q.feature !== undefined ? Prisma.sql`AND c.feature = ${q.feature}` : Prisma.empty}
      ${q.model !== undefined ? Prisma.sql`AND c.model = ${q.model}` : Prisma.empty}`;
    const openIds = open.map((r) => r.tenant);
    const [[cohort], [parts], [openParts], [trappedStored], top] = await Promise.all([
      cohortTenants(),
      dbRead().$queryRaw<{ cost: string | null }[]>`
        SELECT sum(c."costUsd")::text AS cost FROM "TenantCohortPart" c
        WHERE c."organizationId" = ${organizationId} AND c.tier = ${FREE_TIER} AND c.day >= ${p.from}::date AND c.day < ${lastDay}::date ${partFilter}`,
      // the open windows' parts TenantCohortPart counts under the free tier in the period (their
      // figures come from their days instead)
      openIds.length
        ? dbRead().$queryRaw<{ cost: string | null }[]>`
            SELECT sum(w."costUsd")::text AS cost FROM "TenantWindow" w
            JOIN "Tenant" t ON t."organizationId" = ${organizationId} AND t."externalId" = w."tenantId"
            WHERE w."organizationId" = ${organizationId} AND w."tenantId" = ANY(${openIds}::text[]) ${twFilter}
              AND t."windowTier" = ${FREE_TIER} AND w."firstAt" >= ${p.from}::timestamp AND w."firstAt" < ${lastDay}::timestamp`
        : Promise.resolve([{ cost: null }]),
      dbRead().$queryRaw<{ trapped: bigint; cost: string | null }[]>`
        SELECT count(*)::bigint AS trapped, sum(r."costUsd")::text AS cost FROM (${trappedTenantsSql(organizationId, ltv)}) x
        JOIN "TenantWindowRank" r ON r."organizationId" = ${organizationId} AND r."tenantId" = x.tenant AND r.feature = ${f} AND r.model = ${m}
        WHERE ${cohortIf(Prisma.sql`x.first`)} AND ${storedIf(Prisma.sql`x.first`, Prisma.sql`x.last`)} AND r."costUsd" > ${ltvText}::numeric`,
      dbRead().$queryRaw<{ tenant: string; cost: string }[]>`
        SELECT r."tenantId" AS tenant, r."costUsd"::text AS cost FROM "TenantWindowRank" r
        JOIN "Tenant" t ON t."organizationId" = ${organizationId} AND t."externalId" = r."tenantId"
        WHERE r."organizationId" = ${organizationId} AND r.feature = ${f} AND r.model = ${m}
          AND t.tier = ${FREE_TIER} AND ${cohortIf(tFirst)} AND ${storedIf(tFirst, tLast)}
        ORDER BY r."costUsd" DESC, r."tenantId" LIMIT ${MAX_TENANTS}`,
    ]);
    // stored cohort tenants without a matching part (cost 0), first by id: needed unless the
    // list is already 100 tenants costing more than 0
    const full = top.length === MAX_TENANTS && parseUsd(top[MAX_TENANTS - 1].cost) > 0n;
    const zero = full
      ? []
      : await dbRead().$queryRaw<{ tenant: string }[]>`
          SELECT t."externalId" AS tenant FROM "Tenant" t
          WHERE t."organizationId" = ${organizationId} AND t.tier = ${FREE_TIER} AND ${cohortIf(tFirst)} AND ${storedIf(tFirst, tLast)}
            AND NOT EXISTS (SELECT 1 FROM "TenantWindow" w WHERE w."organizationId" = ${organizationId} AND w."tenantId" = t."externalId" ${twFilter})
          ORDER BY t."externalId" LIMIT ${MAX_TENANTS}`;
    const rows = await rankedSql([...top.map((r) => r.tenant), ...zero.map((r) => r.tenant), ...openIds]);
    const o = toTotals(rows[0]);
    totals = {
      tenants: Number(cohort?.tenants ?? 0n),
      trapped: Number(trappedStored?.trapped ?? 0n) + o.trapped,
      cost: parseUsd(parts?.cost ?? "0") - parseUsd(openParts?.cost ?? "0") + o.cost,
      trappedCost: parseUsd(trappedStored?.cost ?? "0") + o.trappedCost,
    };
    list = rows;
  } else if (!narrowed && BigInt(open.length) <= MAX_OPEN_WINDOWS) {
    const [[cohort], [trappedStored], top] = await Promise.all([
      cohortTenants(),
      dbRead().$queryRaw<{ trapped: bigint; cost: string | null }[]>`
        SELECT count(*)::bigint AS trapped, sum(x.cost)::text AS cost FROM (${trappedTenantsSql(organizationId, ltv)}) x
        WHERE ${cohortIf(Prisma.sql`x.first`)} AND ${storedIf(Prisma.sql`x.first`, Prisma.sql`x.last`)}`,
      dbRead().$queryRaw<{ tenant: string }[]>`
        SELECT t."externalId" AS tenant FROM "Tenant" t
        WHERE t."organizationId" = ${organizationId} AND t.tier = ${FREE_TIER} AND ${cohortIf(tFirst)} AND ${storedIf(tFirst, tLast)}
        ORDER BY t."windowCostUsd" DESC, t."externalId" LIMIT ${MAX_TENANTS}`,
    ]);
    const rows = await rankedSql([...top.map((r) => r.tenant), ...open.map((r) => r.tenant)]);
    const o = toTotals(rows[0]);
    const openStored = open.reduce((s, r) => s + parseUsd(r.cost), 0n);
    totals = {
      tenants: Number(cohort?.tenants ?? 0n),
      trapped: Number(trappedStored?.trapped ?? 0n) + o.trapped,
      cost: parseUsd(cohort?.cost ?? "0") - openStored + o.cost,
      trappedCost: parseUsd(trappedStored?.cost ?? "0") + o.trappedCost,
    };
    list = rows;
  } else {
    // general path: one pass over the cohort, the bounded list plus the cohort totals as window aggregates
    const rows = await dbRead().$queryRaw<(Row & Totals)[]>`
      ${cohortSql()}
      SELECT tenant, first, until, complete, cost30d::text AS cost30d, events, ${totalsSql(Prisma.sql`true`)}
      FROM scored
      ORDER BY scored.cost30d DESC, tenant LIMIT ${MAX_TENANTS}`;
    list = rows;
    totals = toTotals(rows[0]);
  }
  // token mix and main model of the listed trapped tenants (for the cheaper-model estimate):
  // their window parts by model, at most MAX_TENANTS tenants × their models
  const trappedList = list.filter((r) => parseUsd(r.cost30d) > ltv);
  const mix = trappedList.length
    ? await dbRead().$queryRaw<{ tenant: string; model: string; input: bigint; output: bigint; cost: string }[]>`
        SELECT w."tenantId" AS tenant, w.model, sum(w."inputTokens")::bigint AS input, sum(w."outputTokens")::bigint AS output, sum(w."costUsd")::text AS cost
        FROM "TenantWindow" w
        WHERE w."organizationId" = ${organizationId} AND w."tenantId" = ANY(${trappedList.map((r) => r.tenant)}::text[])
        GROUP BY 1, 2`
    : [];

  // subsidy ratio over the period: free-tier cost vs paid tiers' revenue
  const [free] = await dbRead().$queryRaw<{ cost: string | null }[]>`
    SELECT sum(d."costUsd")::text AS cost FROM "DailyRollup" d
    WHERE ${dailyWhere(organizationId, p, { ...q, tier: FREE_TIER })}`;
  // active paid tenants (last event >= from, first event < to) by latest tier, from
  // TenantCohortDay (decision 054): those whose first event is before `to`, less those whose
  // last event is before `from` (they began before `to` too); both are day starts
  const active = await dbRead().$queryRaw<{ tier: string; n: bigint }[]>`
    SELECT c.tier, (COALESCE(sum(c.tenants) FILTER (WHERE c.day < ${p.to}::date), 0)
      - COALESCE(sum(c."lastTenants") FILTER (WHERE c.day < ${p.from}::date), 0))::bigint AS n
    FROM "TenantCohortDay" c
    WHERE c."organizationId" = ${organizationId} AND c.tier <> ${FREE_TIER} AND c.tier <> ''
    GROUP BY 1 HAVING COALESCE(sum(c.tenants) FILTER (WHERE c.day < ${p.to}::date), 0)
      - COALESCE(sum(c."lastTenants") FILTER (WHERE c.day < ${p.from}::date), 0) > 0
    ORDER BY 1 LIMIT 200`;
  const paid = active.map((a) => ({ tier: a.tier, activeTenants: Number(a.n), monthlyPrice: tiers.get(a.tier)?.monthlyPrice ?? 0n }));
  const revenue = paidRevenue(paid, p.days);
  const freeCost = parseUsd(free?.cost ?? "0");

  const { tenants, trapped } = totals;
  return {
    period: periodOut(p),
    asOf,
    filters: appliedFilters(q),
    tier: FREE_TIER,
    predictedLtv: ltv,
    ltvSource: tiers.get(FREE_TIER)!.source,
    tenants,
    trapped,
    trappedShare: trappedShare(trapped, tenants),
    cohortCost: totals.cost,
    trappedCost: totals.trappedCost,
    subsidy: { freeTierCost: freeCost, paidRevenue: revenue, ratio: subsidyRatio(freeCost, revenue), paidTiers: paid },
    list: list.map((r) => {
      const cost = parseUsd(r.cost30d);
      const isTrapped = cost > ltv;
      const rows = mix.filter((m) => m.tenant === r.tenant).sort((a, b) => Number(parseUsd(b.cost) - parseUsd(a.cost)));
      const main = rows[0];
      const input = rows.reduce((s, m) => s + BigInt(m.input), 0n);
      const output = rows.reduce((s, m) => s + BigInt(m.output), 0n);
      const candidates = isTrapped && main ? cheaperModels(main.model, input, output, cost, ltv, now) : [];
      return {
        tenantId: r.tenant,
        firstEventAt: r.first,
        windowEnd: new Date(r.first.getTime() + 30 * DAY_MS),
        windowComplete: r.complete,
        events: Number(r.events),
        cost,
        trapped: isTrapped,
        mainModel: main?.model ?? null,
        cheaperModels: candidates.map((c) => ({ provider: c.provider, model: c.model, estimatedCost: c.estimatedCost })),
        action: isTrapped
          ? candidates.length
            ? `Throttle to ${candidates[0].model}`
            : "Throttle or cap usage: no catalog model of the same provider fits under the LTV"
          : null,
      };
    }),
    listLimit: MAX_TENANTS,
  };
}

/** The freemium trap, typed: picodollars and dates (the opportunities compose these). */
export type FreemiumTrap = Awaited<ReturnType<typeof readFreemiumTrap>>;

/**
 * GET /api/v1/metrics/freemium-trap's form (snake_case, 6-decimal money): also the form the
 * board report freezes with a closed month (decision 037), so it stays beside the reader.
 */
export function freemiumTrapToWire(t: FreemiumTrap) {
  return {
    period: t.period,
    as_of: t.asOf,
    filters: t.filters,
    tier: t.tier,
    predicted_ltv_usd: formatUsd6(t.predictedLtv),
    ltv_source: t.ltvSource,
    tenants: t.tenants,
    trapped: t.trapped,
    trapped_share: t.trappedShare,
    cohort_cost_usd: formatUsd6(t.cohortCost),
    trapped_cost_usd: formatUsd6(t.trappedCost),
    subsidy: {
      free_tier_cost_usd: formatUsd6(t.subsidy.freeTierCost),
      paid_revenue_usd: formatUsd6(t.subsidy.paidRevenue),
      ratio: t.subsidy.ratio,
      paid_tiers: t.subsidy.paidTiers.map((x) => ({
        tier: x.tier,
        active_tenants: x.activeTenants,
        monthly_price_usd: formatUsd6(x.monthlyPrice),
      })),
    },
    list: t.list.map((r) => ({
      tenant_id: r.tenantId,
      first_event_at: r.firstEventAt.toISOString(),
      window_end: r.windowEnd.toISOString(),
      window_complete: r.windowComplete,
      events: r.events,
      cost_30d_usd: formatUsd6(r.cost),
      trapped: r.trapped,
      main_model: r.mainModel,
      cheaper_models: r.cheaperModels.map((c) => ({
        provider: c.provider,
        model: c.model,
        estimated_cost_30d_usd: formatUsd6(c.estimatedCost),
      })),
      action: r.action,
    })),
    list_limit: t.listLimit,
  };
}

export async function getFreemiumTrap(organizationId: string, q: Filters & { as_of?: string }, now = new Date()) {
  return freemiumTrapToWire(await readFreemiumTrap(organizationId, q, now));
}

export type FreemiumTrapResponse = Awaited<ReturnType<typeof getFreemiumTrap>>;
