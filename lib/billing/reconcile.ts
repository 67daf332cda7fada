/**
 * Reconciliation: what the provider invoiced against what Spendline attributed, per provider ×
 * month and per model × day where the invoice has that grain, with the gap explained
 * (docs/decisions/022-reconciliation-waterfall.md). Pure: plain rows in, report out.
 *
 * The gap of each cell (model × day) is split by reconcile-drivers.ts in this order, the last driver taking the
 * remainder, so the drivers add up exactly (to the picodollar) to the gap:
 *   spend with no events → events with no invoice line → no-usage events → unpriced events →
 *   billed-but-undelivered streaming tokens → rate difference (effective vs price-book rate).
 * Credits are month-level lines (no model) and form their own driver.
 *
 * Coverage: an invoice import covers a period (its first to its last day). A provider whose
 * imports cover only some days of the month is compared on those days only (attributed cost of
 * the other days is left out), is labelled "covers N of M days", and is never flagged over the
 * threshold: a partial period is not compared as if complete (SPEC, "Closed months").
 */
import { divHalfEven, formatUsd6, type Pico } from "../money";
import type { ServiceTier } from "../pricing/service-tiers";
import { gapByTier, type TierAttributedCell, type TierRecon } from "./reconcile-tiers";
import { driverRows, newWaterfall, splitCellGap, type Driver, type DriverRow, type OutputRate } from "./reconcile-drivers";

export type InvoiceCell = {
  provider: string;
  /** "" when the line names no model */
  model: string;
  day: string;
  kind: "usage" | "credit" | "tax" | "purchase";
  costPico: Pico | null;
  inputTokens: bigint;
  outputTokens: bigint;
  /** true when the line comes from a source that counts tokens */
  hasTokens: boolean;
  /** the service tier the line bills (reconcile-tiers.ts), null / absent when it names none */
  serviceTier?: ServiceTier | null;
};

export type AttributedCell = {
  provider: string;
  model: string;
  day: string;
  costPico: Pico;
  events: number;
  unpricedEvents: number;
  /** events in rollup rows with no tokens at all */
  noUsageEvents: number;
  abortedEvents: number;
  inputTokens: bigint;
  outputTokens: bigint;
};

export type Coverage = {
  /** days of the month the provider's imported invoices cover */
  covered_days: number;
  month_days: number;
  complete: boolean;
};

export type ProviderRecon = {
  provider: string;
  coverage: Coverage;
  grain: "model_day" | "day";
  invoiced_usd: string;
  attributed_usd: string;
  gap_usd: string;
  /** gap / invoiced, null when nothing was invoiced */
  gap_share: number | null;
  invoiced_output_tokens: string | null;
  attributed_output_tokens: string;
  drivers: DriverRow[];
  largest_driver: Driver | null;
  over_threshold: boolean;
  invoicedPico: Pico;
  attributedPico: Pico;
  /** the gap per service tier where the invoice lines carry tiers, else null */
  by_tier: TierRecon[] | null;
};

export type ModelRecon = {
  provider: string;
  model: string;
  invoiced_usd: string;
  attributed_usd: string;
  gap_usd: string;
  invoiced_tokens: string | null;
  attributed_tokens: string;
  /** invoice cost per million tokens it bills, 6 decimals */
  effective_rate_per_mtok: string | null;
  attributed_rate_per_mtok: string | null;
};

export type DayRecon = { provider: string; model: string; day: string; invoiced_usd: string; attributed_usd: string; gap_usd: string };

export type Reconciliation = {
  month: string;
  /** every provider's invoice covers the whole month: only then is a true-up offered */
  complete: boolean;
  threshold_share: number;
  invoiced_usd: string;
  attributed_usd: string;
  gap_usd: string;
  providers: ProviderRecon[];
  models: ModelRecon[];
  days: DayRecon[];
};

type Cell = {
  model: string;
  day: string;
  inv: Pico;
  hasInv: boolean;
  invIn: bigint;
  invOut: bigint;
  hasTokens: boolean;
  att: Pico;
  events: number;
  unpriced: number;
  noUsage: number;
  aborted: number;
  attIn: bigint;
  attOut: bigint;
};

const perMTok = (cost: Pico, tokens: bigint) => (tokens > 0n ? formatUsd6(divHalfEven(cost * 1_000_000n, tokens)) : null);

/** The event model an invoice's model name stands for: exact, else the longest dated-variant match. */
export function matchModel(invoiceModel: string, eventModels: readonly string[]): string {
  if (!invoiceModel || eventModels.includes(invoiceModel)) return invoiceModel;
  const m = invoiceModel.toLowerCase();
  const hits = eventModels.filter((e) => m.startsWith(`${e.toLowerCase()}-`) || e.toLowerCase().startsWith(`${m}-`));
  return hits.sort((a, b) => b.length - a.length)[0] ?? invoiceModel;
}

export function reconcile(input: {
  month: string;
  invoice: InvoiceCell[];
  attributed: AttributedCell[];
  outputRate: OutputRate;
  /** |gap| / invoiced above which a provider is flagged; default 5 % */
  thresholdShare?: number;
  /** per provider, the days (YYYY-MM-DD) its imports cover; a provider not in the map covers the whole month */
  coveredDays?: ReadonlyMap<string, ReadonlySet<string>>;
  /** attributed cost per provider × day × service tier (for the by-tier breakdown) */
  attributedByTier?: readonly TierAttributedCell[];
}): Reconciliation {
  const threshold = input.thresholdShare ?? 0.05;
  const providers = [...new Set(input.invoice.map((l) => l.provider))].sort();
  const monthDays = daysOfMonth(input.month);
  const out: Reconciliation = {
    month: input.month,
    complete: true,
    threshold_share: threshold,
    invoiced_usd: "0",
    attributed_usd: "0",
    gap_usd: "0",
    providers: [],
    models: [],
    days: [],
  };
  let totInv = 0n;
  let totAtt = 0n;

  for (const provider of providers) {
    const inv = input.invoice.filter((l) => l.provider === provider);
    const covered = input.coveredDays?.get(provider);
    const coveredInMonth = covered ? monthDays.filter((d) => covered.has(d)) : monthDays;
    const coverage: Coverage = {
      covered_days: coveredInMonth.length,
      month_days: monthDays.length,
      complete: coveredInMonth.length === monthDays.length,
    };
    if (!coverage.complete) out.complete = false;
    const inPeriod = new Set(coveredInMonth);
    // like with like: only the attributed cost of the days the invoice covers
    const att = input.attributed.filter((a) => a.provider === provider && (coverage.complete || inPeriod.has(a.day)));
    const costLines = inv.filter((l) => l.costPico !== null);
    const usageCost = costLines.filter((l) => l.kind === "usage");
    const grain: ProviderRecon["grain"] = usageCost.length && usageCost.every((l) => l.model) ? "model_day" : "day";
    const eventModels = [...new Set(att.map((a) => a.model))];
    const keyOf = (model: string, day: string) => `${grain === "model_day" ? model : "*"}|${day}`;
    const cells = new Map<string, Cell>();
    const cell = (model: string, day: string) => {
      const k = keyOf(model, day);
      let c = cells.get(k);
      if (!c) {
        c = {
          model: grain === "model_day" ? model : "*",
          day,
          inv: 0n,
          hasInv: false,
          invIn: 0n,
          invOut: 0n,
          hasTokens: false,
          att: 0n,
          events: 0,
          unpriced: 0,
          noUsage: 0,
          aborted: 0,
          attIn: 0n,
          attOut: 0n,
        };
        cells.set(k, c);
      }
      return c;
    };
    let credits = 0n;
    let other = 0n;
    for (const l of inv) {
      if (l.kind === "credit" && l.costPico !== null) {
        credits += l.costPico;
        continue;
      }
      if ((l.kind === "tax" || l.kind === "purchase") && l.costPico !== null) {
        other += l.costPico;
        continue;
      }
      const c = cell(matchModel(l.model, eventModels), l.day);
      if (l.costPico !== null) {
        c.inv += l.costPico;
        c.hasInv = true;
      }
      if (l.hasTokens) {
        c.hasTokens = true;
        c.invIn += l.inputTokens;
        c.invOut += l.outputTokens;
      }
    }
    // a provider whose invoice has tokens but no money (usage import only) reconciles tokens only
    const hasMoney = costLines.length > 0;
    for (const a of att) {
      const c = cell(a.model, a.day);
      c.att += a.costPico;
      c.events += a.events;
      c.unpriced += a.unpricedEvents;
      c.noUsage += a.noUsageEvents;
      c.aborted += a.abortedEvents;
      c.attIn += a.inputTokens;
      c.attOut += a.outputTokens;
    }

    const { d, detail } = newWaterfall(credits, other);
    let invoicedPico = credits + other;
    let attributedPico = 0n;
    let invOutTotal = 0n;
    let anyTokens = false;
    let attOutTotal = 0n;
    const byModel = new Map<string, { inv: Pico; att: Pico; invTok: bigint; attTok: bigint; hasTok: boolean }>();

    for (const c of [...cells.values()].sort((a, b) => (a.day + a.model < b.day + b.model ? -1 : 1))) {
      invoicedPico += c.inv;
      attributedPico += c.att;
      invOutTotal += c.invOut;
      attOutTotal += c.attOut;
      anyTokens ||= c.hasTokens;
      const m = byModel.get(c.model) ?? { inv: 0n, att: 0n, invTok: 0n, attTok: 0n, hasTok: false };
      m.inv += c.inv;
      m.att += c.att;
      m.invTok += c.invIn + c.invOut;
      m.attTok += c.attIn + c.attOut;
      m.hasTok ||= c.hasTokens;
      byModel.set(c.model, m);
      if (!hasMoney) continue;
      const gap = c.inv - c.att;
      if (gap !== 0n || c.hasInv)
        out.days.push({
          provider,
          model: c.model,
          day: c.day,
          invoiced_usd: formatUsd6(c.inv),
          attributed_usd: formatUsd6(c.att),
          gap_usd: formatUsd6(gap),
        });
      splitCellGap(c, gap, (model, day) => input.outputRate(provider, model, day), d, detail);
    }

    const total = invoicedPico - attributedPico;
    const drivers = driverRows(d, detail);
    const gapShare = hasMoney && invoicedPico !== 0n ? Number(divHalfEven(total * 1_000_000n, invoicedPico)) / 1_000_000 : null;
    out.providers.push({
      provider,
      coverage,
      grain,
      invoiced_usd: hasMoney ? formatUsd6(invoicedPico) : "0.000000",
      attributed_usd: formatUsd6(attributedPico),
      gap_usd: hasMoney ? formatUsd6(total) : "0.000000",
      gap_share: gapShare,
      invoiced_output_tokens: anyTokens ? invOutTotal.toString() : null,
      attributed_output_tokens: attOutTotal.toString(),
      drivers,
      largest_driver: drivers[0]?.driver ?? null,
      over_threshold: coverage.complete && gapShare !== null && Math.abs(gapShare) > threshold,
      invoicedPico: hasMoney ? invoicedPico : 0n,
      attributedPico,
      by_tier: hasMoney
        ? gapByTier(
            inv.map((l) => ({ ...l, serviceTier: l.serviceTier ?? null })),
            (input.attributedByTier ?? []).filter((a) => a.provider === provider),
            (day) => coverage.complete || inPeriod.has(day),
          )
        : null,
    });
    for (const [model, m] of [...byModel].sort((a, b) => (b[1].inv > a[1].inv ? 1 : -1))) {
      out.models.push({
        provider,
        model: model === "*" ? "(all models)" : model,
        invoiced_usd: formatUsd6(m.inv),
        attributed_usd: formatUsd6(m.att),
        gap_usd: formatUsd6(m.inv - m.att),
        invoiced_tokens: m.hasTok ? m.invTok.toString() : null,
        attributed_tokens: m.attTok.toString(),
        effective_rate_per_mtok: m.hasTok ? perMTok(m.inv, m.invTok) : perMTok(m.inv, m.attTok),
        attributed_rate_per_mtok: perMTok(m.att, m.attTok),
      });
    }
    if (hasMoney) {
      totInv += invoicedPico;
      totAtt += attributedPico;
    }
  }
  out.invoiced_usd = formatUsd6(totInv);
  out.attributed_usd = formatUsd6(totAtt);
  out.gap_usd = formatUsd6(totInv - totAtt);
  return out;
}

/** The UTC days of a month "YYYY-MM", as YYYY-MM-DD. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split("-").map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** "covers 3 of 31 days" */
export function coverageText(c: Coverage): string {
  return c.complete ? `covers all ${c.month_days} days` : `covers ${c.covered_days} of ${c.month_days} days`;
}
