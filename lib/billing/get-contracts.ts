import "server-only";
import { db, Prisma } from "../db";
import { parseUsd } from "../money";
import { monthRange, DAY_MS } from "../time";
import { forecastCommitment, type CommitmentForecast, type MonthSpend } from "./commitment-forecast";
import { quotaPacing, type QuotaPacing } from "./quota-pacing";
import { capacityMonth, type CapacityMonth } from "./capacity-idle";
import { omit } from "./omit";

/**
 * Contracts of the organisation read from rollups and imported invoices (never raw events):
 * commitments with their forecast, quotas with their pacing, provisioned capacity with its
 * idle cost for `month`.
 */
export type QuotaRow = { id: string; provider: string; model: string; unit: string; limit: string; used: string } & QuotaPacing;
export type Contracts = { commitments: CommitmentForecast[]; quotas: QuotaRow[]; capacity: Omit<CapacityMonth, "idlePico">[] };

/**
 * Spend per month for a provider: the invoice where imported, else what Spendline attributed.
 * Commitment floors are in USD: invoices in another currency are not summed as if they were
 * USD (decision 047), their months count what Spendline attributed.
 */
export async function monthlySpend(organizationId: string, provider: string, from: Date, to: Date): Promise<MonthSpend[]> {
  const [invoice, attributed] = await Promise.all([
    db().$queryRaw<{ month: string; cost: string }[]>(Prisma.sql`
      SELECT to_char("day", 'YYYY-MM') AS month, SUM("costUsd")::text AS cost FROM "InvoiceLine"
      WHERE "organizationId" = ${organizationId} AND "provider" = ${provider} AND "costUsd" IS NOT NULL AND "currency" = 'USD'
        AND "day" >= ${from}::date AND "day" < ${to}::date
      GROUP BY 1`),
    db().$queryRaw<{ month: string; cost: string }[]>(Prisma.sql`
      SELECT to_char("day", 'YYYY-MM') AS month, SUM("costUsd")::text AS cost FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "provider" = ${provider} AND "day" >= ${from}::date AND "day" < ${to}::date
      GROUP BY 1`),
  ]);
  const out = new Map<string, MonthSpend>(
    attributed.map((a) => [a.month, { month: a.month, spendPico: parseUsd(a.cost), source: "attributed" as const }]),
  );
  for (const i of invoice) out.set(i.month, { month: i.month, spendPico: parseUsd(i.cost), source: "invoice" });
  return [...out.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Month-to-date use of a quota from the daily rollups: tokens (input + output) or dollars. */
export async function quotaUsage(organizationId: string, q: { provider: string; model: string; unit: string }, now: Date): Promise<number> {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const modelFilter = q.model ? Prisma.sql`AND "model" = ${q.model}` : Prisma.empty;
  const [row] = await db().$queryRaw<{ tokens: string | null; cost: string | null }[]>(Prisma.sql`
    SELECT SUM("inputTokens" + "outputTokens")::text AS tokens, SUM("costUsd")::text AS cost FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "provider" = ${q.provider} ${modelFilter} AND "day" >= ${from}::date`);
  return q.unit === "usd" ? Number(row?.cost ?? 0) : Number(row?.tokens ?? 0);
}

/**
 * The loader the guardrails call (with the request's provider and model): the pacing of every
 * quota that covers it, most urgent first. Empty when no quota applies.
 */
export async function loadQuotaPacing(organizationId: string, provider: string, model: string, now = new Date()): Promise<QuotaRow[]> {
  const quotas = await db().quota.findMany({ where: { organizationId, provider, model: { in: ["", model] } } });
  const rows = await Promise.all(
    quotas.map(async (q) => {
      const used = await quotaUsage(organizationId, q, now);
      const limit = Number(q.monthlyLimit);
      return {
        id: q.id,
        provider: q.provider,
        model: q.model,
        unit: q.unit,
        limit: q.monthlyLimit.toString(),
        used: String(used),
        ...quotaPacing({ limit, used, now }),
      };
    }),
  );
  const rank = { block: 0, downgrade: 1, allow: 2 };
  return rows.sort((a, b) => rank[a.action] - rank[b.action]);
}

/** Tokens each provisioned capacity's model served in [from, to) (daily rollups). */
async function tokensServed(organizationId: string, provider: string, model: string, from: Date, to: Date): Promise<bigint> {
  const [row] = await db().$queryRaw<{ tokens: string | null }[]>(Prisma.sql`
    SELECT SUM("inputTokens" + "outputTokens")::text AS tokens FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "provider" = ${provider} AND "model" = ${model} AND "day" >= ${from}::date AND "day" < ${to}::date`);
  return BigInt(row?.tokens ?? "0");
}

export async function capacityForMonth(organizationId: string, month: string): Promise<CapacityMonth[]> {
  const { from, to } = monthRange(month);
  const caps = await db().provisionedCapacity.findMany({
    where: { organizationId, startsAt: { lt: to }, OR: [{ endsAt: null }, { endsAt: { gt: from } }] },
    orderBy: { name: "asc" },
  });
  return Promise.all(
    caps.map(async (c) =>
      capacityMonth(
        {
          id: c.id,
          name: c.name,
          model: c.model,
          ownerTeam: c.ownerTeam,
          hourlyCostPico: parseUsd(c.hourlyCostUsd.toString()),
          capacityUnits: c.capacityUnits,
          tokensPerMinutePerUnit: c.tokensPerMinutePerUnit,
          startsAt: c.startsAt,
          endsAt: c.endsAt,
        },
        from,
        to,
        await tokensServed(organizationId, c.provider, c.model, from, to),
      ),
    ),
  );
}

export async function getContracts(organizationId: string, month: string, now = new Date()): Promise<Contracts> {
  const commitments = await db().commitment.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
  const quotas = await db().quota.findMany({ where: { organizationId }, orderBy: [{ provider: "asc" }, { model: "asc" }] });
  const forecasts = await Promise.all(
    commitments.map(async (c) => {
      const history = await monthlySpend(
        organizationId,
        c.provider,
        c.periodStart,
        new Date(Math.max(now.getTime(), c.periodStart.getTime()) + DAY_MS),
      );
      return forecastCommitment(
        {
          name: c.name,
          provider: c.provider,
          periodStart: c.periodStart.toISOString().slice(0, 10),
          periodEnd: c.periodEnd.toISOString().slice(0, 10),
          monthlyFloorPico: parseUsd(c.monthlyFloorUsd.toString()),
          discount: c.discount.toString(),
          lapseAfterMonths: c.lapseAfterMonths,
        },
        history,
        now,
      );
    }),
  );
  const quotaRows = (await Promise.all(quotas.map((q) => loadQuotaPacing(organizationId, q.provider, q.model || "", now)))).flat();
  const seen = new Set<string>();
  return {
    commitments: forecasts,
    quotas: quotaRows.filter((q) => (seen.has(q.id) ? false : (seen.add(q.id), true))),
    capacity: (await capacityForMonth(organizationId, month)).map((c) => omit(c, "idlePico")),
  };
}
