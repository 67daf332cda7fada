import "server-only";
import { dbRead, Prisma } from "../db";
import { formatUsd6, parseUsd } from "../money";
import { monthRange, DAY_MS } from "../time";
import { getRates } from "../pricing/catalog-rates";
import { raiseAlert } from "../alerts/raise-alert";
import { reconcile, type AttributedCell } from "./reconcile";
import { reconcileInCurrencies, type CurrencyInvoiceCell, type CurrencyReconciliation } from "./reconcile-currency";
import { loadRateTable } from "../fx/store";
import { USD } from "../fx/rates";
import { omit } from "./omit";
import { gapAlertTitle } from "../alerts/wording";
import { serviceTierOfLine, type TierAttributedCell } from "./reconcile-tiers";
import { normalizeServiceTier, type ServiceTier } from "../pricing/service-tiers";

export type TrueUpState = {
  applied: boolean;
  amount_usd: string | null;
  invoice_usd: string | null;
  rule: string | null;
  applied_at: string | null;
};
export type Reconciliation = CurrencyReconciliation;
export type ReconciliationReport = Omit<Reconciliation, "providers"> & {
  providers: (Omit<Reconciliation["providers"][number], "invoicedPico" | "attributedPico" | "drivers"> & {
    drivers: { driver: string; label: string; amount_usd: string; detail: string }[];
  })[];
  true_up: TrueUpState;
  imported: boolean;
};

const TOKEN_SOURCES = new Set(["openai_usage", "anthropic_usage", "focus"]);

/** Invoice lines of the month (the organisation's own imported lines, not events). */
export async function loadInvoiceCells(organizationId: string, from: Date, to: Date): Promise<CurrencyInvoiceCell[]> {
  const rows = await dbRead().invoiceLine.findMany({ where: { organizationId, day: { gte: from, lt: to } } });
  return rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    day: r.day.toISOString().slice(0, 10),
    kind: r.kind as CurrencyInvoiceCell["kind"],
    // in the line's own currency (decision 047)
    costPico: r.costUsd === null ? null : parseUsd(r.costUsd.toString()),
    currency: r.currency,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    hasTokens: TOKEN_SOURCES.has(r.source) && r.inputTokens + r.outputTokens > 0n,
    serviceTier: r.costUsd === null ? null : serviceTierOfLine(r.provider, r.model, r.lineItem),
  }));
}

/**
 * Attributed cost per provider × day × service tier, from raw events (the rollups have no tier):
 * read only when an invoice line of the month names a tier other than standard. Raw events past
 * retention are gone, so an old month's by-tier view covers what is kept.
 */
export async function loadAttributedByTier(organizationId: string, from: Date, to: Date): Promise<TierAttributedCell[]> {
  const rows = await dbRead().$queryRaw<{ provider: string; day: Date; tier: string; cost: string }[]>(Prisma.sql`
    SELECT COALESCE("provider", '') AS provider, date_trunc('day', "timestamp")::date AS day,
           COALESCE("serviceTier", 'standard') AS tier, SUM("costUsd")::text AS cost
    FROM "CostEvent"
    WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${from} AND "timestamp" < ${to}
    GROUP BY 1, 2, 3`);
  return rows.map((r) => ({
    provider: r.provider,
    day: r.day.toISOString().slice(0, 10),
    serviceTier: (normalizeServiceTier(r.tier) ?? "standard") as ServiceTier,
    costPico: parseUsd(r.cost),
  }));
}

/** What Spendline attributed per provider × model × day, from the daily rollups (never raw events). */
export async function loadAttributedCells(organizationId: string, from: Date, to: Date): Promise<AttributedCell[]> {
  const rows = await dbRead().$queryRaw<
    {
      provider: string;
      model: string;
      day: Date;
      cost: string;
      events: bigint;
      unpriced: bigint;
      no_usage: bigint;
      aborted: bigint;
      input: string;
      output: string;
    }[]
  >(Prisma.sql`
    SELECT "provider", "model", "day", SUM("costUsd")::text AS cost, SUM("events")::bigint AS events,
           SUM("unpricedEvents")::bigint AS unpriced,
           COALESCE(SUM("events") FILTER (WHERE "inputTokens" = 0 AND "outputTokens" = 0), 0)::bigint AS no_usage,
           SUM("abortedEvents")::bigint AS aborted, SUM("inputTokens")::text AS input, SUM("outputTokens")::text AS output
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
    GROUP BY "provider", "model", "day"`);
  return rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    day: r.day.toISOString().slice(0, 10),
    costPico: parseUsd(r.cost),
    events: Number(r.events),
    unpricedEvents: Number(r.unpriced),
    noUsageEvents: Number(r.no_usage),
    abortedEvents: Number(r.aborted),
    inputTokens: BigInt(r.input),
    outputTokens: BigInt(r.output),
  }));
}

const outputRate = (provider: string, model: string, day: string) => {
  const r = getRates(provider, model, new Date(`${day}T12:00:00Z`));
  return r ? parseUsd(r.outputPerMTok) : null;
};

/**
 * Per provider, the days of [from, to) its imports cover: the periods of the imports whose lines
 * are the month's current lines (an import's period is the days its file reports on, empty buckets included).
 */
export async function loadCoveredDays(organizationId: string, from: Date, to: Date): Promise<Map<string, Set<string>>> {
  const rows = await dbRead().$queryRaw<{ provider: string; start: Date; end: Date }[]>(Prisma.sql`
    SELECT DISTINCT l."provider", b."periodStart" AS start, b."periodEnd" AS end
    FROM (SELECT DISTINCT "provider", "importId" FROM "InvoiceLine"
          WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date) l
    JOIN "BillingImport" b ON b."organizationId" = ${organizationId} AND b."id" = l."importId"`);
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const days = out.get(r.provider) ?? new Set<string>();
    const start = Math.max(r.start.getTime(), from.getTime());
    const end = Math.min(r.end.getTime(), to.getTime());
    for (let t = start; t < end; t += DAY_MS) days.add(new Date(t).toISOString().slice(0, 10));
    out.set(r.provider, days);
  }
  return out;
}

/** The live reconciliation of a month, in exact picodollars (true-up and chargeback use it). */
export async function computeReconciliation(organizationId: string, month: string, thresholdShare?: number): Promise<Reconciliation> {
  const { from, to } = monthRange(month);
  const [invoice, attributed, coveredDays] = await Promise.all([
    loadInvoiceCells(organizationId, from, to),
    loadAttributedCells(organizationId, from, to),
    loadCoveredDays(organizationId, from, to),
  ]);
  const tiered = invoice.some((l) => l.serviceTier && l.serviceTier !== "standard");
  const attributedByTier = tiered ? await loadAttributedByTier(organizationId, from, to) : [];
  // invoices all in USD (the common case): the reconciliation as it always was
  if (invoice.every((l) => l.currency === USD || l.costPico === null))
    return reconcile({ month, invoice, attributed, outputRate, thresholdShare, coveredDays, attributedByTier });
  const rates = await loadRateTable(organizationId, from, to);
  return reconcileInCurrencies({ month, invoice, attributed, outputRate, thresholdShare, coveredDays, rates, attributedByTier });
}

/** One alert per (provider, month) whose gap is over the threshold, through lib/alerts. */
async function raiseGapAlerts(organizationId: string, month: string, rec: Reconciliation): Promise<void> {
  for (const p of rec.providers.filter((x) => x.over_threshold)) {
    await raiseAlert(organizationId, {
      kind: "reconciliation",
      severity: Math.abs(p.gap_share ?? 0) > 0.15 ? "critical" : "warning",
      title: gapAlertTitle(p.provider, month, p.invoicedPico - p.attributedPico, p.gap_share),
      evidence: {
        month,
        provider: p.provider,
        invoiced_usd: p.invoiced_usd,
        attributed_usd: p.attributed_usd,
        gap_usd: p.gap_usd,
        largest_driver: p.largest_driver,
      },
      dedupeKey: `reconciliation:${p.provider}:${month}`,
    });
  }
}

/** After an import (upload, API or connector): check the months it touched. */
export async function checkReconciliationAlerts(organizationId: string, months: string[]): Promise<void> {
  for (const month of months) await raiseGapAlerts(organizationId, month, await computeReconciliation(organizationId, month));
}

/**
 * The reconciliation page's and API's answer (raises the gap alerts too). A closed month answers
 * the reconciliation frozen at its close (decision 037) and raises nothing.
 */
export async function getReconciliation(organizationId: string, month: string): Promise<ReconciliationReport> {
  const period = await dbRead().chargebackPeriod.findUnique({
    where: { organizationId_month: { organizationId, month } },
    select: { status: true, reports: true },
  });
  const frozen =
    period?.status === "closed" ? (period.reports as { reconciliation?: ReconciliationReport } | null)?.reconciliation : undefined;
  if (frozen) return frozen;
  const rec = await computeReconciliation(organizationId, month);
  await raiseGapAlerts(organizationId, month, rec);
  return reconciliationReport(organizationId, month, rec);
}

/** The live reconciliation report without raising alerts (what close-month freezes). */
export async function computeReconciliationReport(organizationId: string, month: string): Promise<ReconciliationReport> {
  return reconciliationReport(organizationId, month, await computeReconciliation(organizationId, month));
}

async function reconciliationReport(organizationId: string, month: string, rec: Reconciliation): Promise<ReconciliationReport> {
  const trueUp = await dbRead().invoiceTrueUp.findUnique({ where: { organizationId_month: { organizationId, month } } });
  return {
    ...rec,
    providers: rec.providers.map((p) => ({
      ...omit(p, "invoicedPico", "attributedPico", "drivers"),
      drivers: p.drivers.map((d) => omit(d, "amount_pico")),
    })),
    imported: rec.providers.length > 0,
    true_up: trueUp
      ? {
          applied: true,
          amount_usd: formatUsd6(parseUsd(trueUp.amountUsd.toString())),
          invoice_usd: formatUsd6(parseUsd(trueUp.invoiceUsd.toString())),
          rule: trueUp.allocationRule,
          applied_at: trueUp.appliedAt.toISOString(),
        }
      : { applied: false, amount_usd: null, invoice_usd: null, rule: null, applied_at: null },
  };
}
