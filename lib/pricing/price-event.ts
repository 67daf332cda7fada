import { divHalfEven, parseUsd, type Pico } from "../money";
import { getRates, type CatalogRates, type LongContextTier } from "./catalog-rates";
import type { PriceLine, TierBasis } from "./price-lines";
import { publishedTierRule, type ServiceTier } from "./service-tiers";

/**
 * Exact price of one event, in bigint picodollars.
 *
 * Token vector convention (docs/ingestion.md, same as the catalog): `input_tokens` INCLUDES cached and
 * cache-write tokens. So: uncached = input − cached − cache_write, billed at the input rate;
 * cached at the cache-read rate; cache_write at the cache-write rate (both fall back to the
 * input rate when no separate price exists); output (reasoning included) at the output rate.
 *
 * Organisation rules (PriceOverride rows) win over the catalog: the most specific rule in force
 * at the event's timestamp (model named exactly, then the catalog id it resolves to, then "*" for
 * every model of a provider; a rule for the event's service tier beats one for every tier; a
 * provider-specific rule beats "any provider"; then the latest effectiveFrom). A "rates" rule
 * replaces the rates; "discount" / "markup" take a percent off / add it on the catalog price.
 * "no_catalog" (per provider) ignores the catalog; "margin" is an internal chargeback margin,
 * kept apart (`marginPico`). Without a price and without cost_usd the event is unpriced (cost 0).
 *
 * Beyond tokens at standard rates (decision 045): the service tier (service-tiers.ts), the
 * catalog's long-context rates, and per-call / per-unit lines (web and file searches, code
 * interpreter sessions, tool calls, images, audio seconds) are priced as lines of the event.
 */
export type PriceOverrideRow = {
  id: string;
  provider: string | null;
  model: string;
  kind: "rates" | "discount" | "markup" | "margin" | "no_catalog" | "time" | string;
  inputPerMTokUsd: string | null;
  outputPerMTokUsd: string | null;
  cachedInputPerMTokUsd: string | null;
  cacheWritePerMTokUsd: string | null;
  discountPercent: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  /** null / absent: every service tier */
  serviceTier?: ServiceTier | null;
  /** markup and margin percent */
  percent?: string | null;
  /** USD per unit of the priced lines */
  unitPrices?: UnitPrices | null;
};

export const UNIT_KINDS = [
  "web_search_call",
  "file_search_call",
  "code_interpreter_session",
  "tool_call",
  "image",
  "audio_second",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type UnitPrices = Partial<Record<UnitKind, string>>;

/** Units an event used beyond tokens (all optional; absent = 0). */
export type UsageUnits = {
  webSearchCalls?: number;
  fileSearchCalls?: number;
  codeInterpreterSessions?: number;
  toolCalls?: number;
  images?: number;
  /** audio duration in milliseconds (the event carries seconds with up to 3 decimals) */
  audioMs?: number;
};

export type TokenVector = {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
};

export type PricedEvent = {
  /** the figure Spendline counts */
  costPico: Pico;
  /** what the price book says (catalog + overrides); null when it has no price */
  catalogCostPico: Pico | null;
  costSource: "caller" | "catalog" | "override" | "unpriced";
  unpriced: boolean;
  overrideId: string | null;
  /** the price book's lines (sum = catalogCostPico); null when the figure is tokens at standard rates only */
  lines: PriceLine[] | null;
  /** internal chargeback margin on costPico (a "margin" rule), null when none applies; never part of costPico */
  marginPico: Pico | null;
};

export type EventToPrice = {
  provider: string | null;
  model: string;
  timestamp: Date;
  serviceTier?: ServiceTier | null;
  units?: UsageUnits;
} & TokenVector;

type Rates = { input: Pico; output: Pico; cached: Pico; cacheWrite: Pico };
type RatesFn = (provider: string | null, model: string, at: Date) => CatalogRates | null;

const PER_MTOK = 1_000_000n;
const PRICE_KINDS = ["rates", "discount", "markup"];

/** The numerator of a token vector's cost: picodollars × 10^6 (rates are per million tokens). */
function tokenNumerator(t: TokenVector, r: Rates): bigint {
  const cached = BigInt(Math.min(t.cachedInputTokens, t.inputTokens));
  const write = BigInt(Math.min(t.cacheWriteTokens, t.inputTokens - Number(cached)));
  const uncached = BigInt(t.inputTokens) - cached - write;
  return uncached * r.input + cached * r.cached + write * r.cacheWrite + BigInt(t.outputTokens) * r.output;
}

/** Cost of a token vector at per-MTok rates (pico per MTok), rounded half-even to a picodollar. */
export function costOf(t: TokenVector, r: Rates): Pico {
  return divHalfEven(tokenNumerator(t, r), PER_MTOK);
}

function toRates(input: string, output: string, cached: string | null | undefined, cacheWrite: string | null | undefined): Rates {
  const i = parseUsd(input);
  return {
    input: i,
    output: parseUsd(output),
    cached: cached !== null && cached !== undefined ? parseUsd(cached) : i,
    cacheWrite: cacheWrite !== null && cacheWrite !== undefined ? parseUsd(cacheWrite) : i,
  };
}

export function catalogRatesToPico(c: CatalogRates): Rates {
  return toRates(c.inputPerMTok, c.outputPerMTok, c.cachedInputPerMTok, c.cacheWritePerMTok);
}

/** The catalog's long-context tier a request falls in (input tokens above its threshold), or null. */
export function longContextTier(c: CatalogRates, inputTokens: number): LongContextTier | null {
  let hit: LongContextTier | null = null;
  for (const t of c.longContext ?? []) if (inputTokens > t.above) hit = t;
  return hit;
}

/**
 * The rule of `kinds` in force for (provider, model, tier) at `at`, or null. A rule names either
 * the model string events carry, or the catalog's model id that string resolves to (a rule on
 * catalog "gpt-4o" applies to events of "gpt-4o-2024-08-06"), or "*" (every model of its provider).
 * Its provider matches the event's provider string or the catalog's provider id.
 */
export function findOverride(
  overrides: readonly PriceOverrideRow[],
  provider: string | null,
  model: string,
  at: Date,
  catalogModel: string | null = null,
  opts: { tier?: ServiceTier; kinds?: readonly string[]; catalogProvider?: string | null } = {},
): PriceOverrideRow | null {
  const kinds = opts.kinds ?? PRICE_KINDS;
  const tier = opts.tier ?? "standard";
  let best: PriceOverrideRow | null = null;
  const t = at.getTime();
  const modelRank = (x: PriceOverrideRow) => (x.model === model ? 2 : x.model === catalogModel ? 1 : 0);
  const tierRank = (x: PriceOverrideRow) => Number(!!x.serviceTier);
  const specific = (x: PriceOverrideRow) => Number(x.provider !== null);
  for (const o of overrides) {
    if (!kinds.includes(o.kind)) continue;
    if (o.model !== model && o.model !== catalogModel && !(o.model === "*" && o.provider !== null)) continue;
    if (o.provider !== null && o.provider !== provider && o.provider !== (opts.catalogProvider ?? null)) continue;
    if (o.serviceTier && o.serviceTier !== tier) continue;
    if (o.effectiveFrom.getTime() > t) continue;
    if (o.effectiveTo && o.effectiveTo.getTime() <= t) continue;
    const key = (x: PriceOverrideRow) => [modelRank(x), tierRank(x), specific(x), x.effectiveFrom.getTime()];
    if (!best || compareKeys(key(o), key(best)) > 0) best = o;
  }
  return best;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** percent (≤ 4 decimals) of a cost, rounded half-even to a picodollar */
function percentOf(cost: Pico, percent: string): Pico {
  return divHalfEven(cost * parseUsd(percent), 100n * 10n ** 12n);
}

/** USD per unit for each line kind: the rule's unit prices, else the catalog's. */
const LINE_UNITS: { kind: PriceLine["kind"]; unit: UnitKind; qty: (u: UsageUnits) => number | undefined }[] = [
  { kind: "web_search", unit: "web_search_call", qty: (u) => u.webSearchCalls },
  { kind: "file_search", unit: "file_search_call", qty: (u) => u.fileSearchCalls },
  { kind: "code_interpreter", unit: "code_interpreter_session", qty: (u) => u.codeInterpreterSessions },
  { kind: "tool_call", unit: "tool_call", qty: (u) => u.toolCalls },
  { kind: "image", unit: "image", qty: (u) => u.images },
  { kind: "audio", unit: "audio_second", qty: (u) => (u.audioMs === undefined ? undefined : u.audioMs / 1000) },
];

/** The per-unit line of one kind: cost = quantity × unit price (catalog per-1,000 and per-hour prices converted exactly). */
function unitLine(
  entry: (typeof LINE_UNITS)[number],
  units: UsageUnits,
  rule: PriceOverrideRow | null,
  c: CatalogRates | null,
): PriceLine | null {
  const q = entry.qty(units);
  if (!q) return null;
  const own = rule?.unitPrices?.[entry.unit];
  let cost: Pico | null = null;
  let unit: Pico | null = null;
  if (own !== undefined) {
    unit = parseUsd(own);
    cost = entry.kind === "audio" ? divHalfEven(BigInt(units.audioMs!) * unit, 1000n) : BigInt(q) * unit;
  } else if (entry.kind === "web_search" && c?.webSearchPerKCalls) {
    unit = divHalfEven(parseUsd(c.webSearchPerKCalls), 1000n);
    cost = divHalfEven(BigInt(q) * parseUsd(c.webSearchPerKCalls), 1000n);
  } else if (entry.kind === "file_search" && c?.fileSearchPerKCalls) {
    unit = divHalfEven(parseUsd(c.fileSearchPerKCalls), 1000n);
    cost = divHalfEven(BigInt(q) * parseUsd(c.fileSearchPerKCalls), 1000n);
  } else if (entry.kind === "audio" && c?.audioPerHour) {
    unit = divHalfEven(parseUsd(c.audioPerHour), 3600n);
    cost = divHalfEven(BigInt(units.audioMs!) * parseUsd(c.audioPerHour), 3_600_000n);
  }
  return { kind: entry.kind, quantity: q, costPico: cost ?? 0n, unitPricePico: unit, unpriced: cost === null };
}

/** Price-book figure for an event (rules, then catalog) with its lines; null when no price is known. */
export function priceBookCost(
  ev: EventToPrice,
  overrides: readonly PriceOverrideRow[],
  rates: RatesFn = getRates,
): { cost: Pico; source: "catalog" | "override"; overrideId: string | null; lines: PriceLine[] | null } | null {
  const tier: ServiceTier = ev.serviceTier ?? "standard";
  const c0 = rates(ev.provider, ev.model, ev.timestamp);
  const lookup = { tier, catalogProvider: c0?.provider ?? null };
  const noCatalog = findOverride(overrides, ev.provider, ev.model, ev.timestamp, c0?.model ?? null, { ...lookup, kinds: ["no_catalog"] });
  const c = noCatalog ? null : c0;
  const o = findOverride(overrides, ev.provider, ev.model, ev.timestamp, c0?.model ?? null, lookup);

  // the token rates at the standard tier, and the long-context threshold they come from
  let base: Rates | null = null;
  let longContextAbove: number | undefined;
  const ownRates = o && o.kind === "rates" && o.inputPerMTokUsd !== null && o.outputPerMTokUsd !== null;
  if (ownRates) {
    base = toRates(o.inputPerMTokUsd!, o.outputPerMTokUsd!, o.cachedInputPerMTokUsd, o.cacheWritePerMTokUsd);
  } else if (c) {
    const lc = longContextTier(c, ev.inputTokens);
    base = lc ? toRates(lc.inputPerMTok, lc.outputPerMTok, lc.cachedInputPerMTok, lc.cacheWritePerMTok) : catalogRatesToPico(c);
    longContextAbove = lc?.above;
  }
  if (!base) return null;

  // the tier: a rule for this tier prices it as given; else the provider's published price; else standard
  const standardNumerator = tokenNumerator(ev, base);
  const standardCost = divHalfEven(standardNumerator, PER_MTOK);
  let tokensCost = standardCost;
  let tierBasis: TierBasis = "standard";
  let source: string | undefined;
  if (tier !== "standard") {
    const rule = ownRates && o!.serviceTier ? null : publishedTierRule(c0?.provider ?? ev.provider, tier, ev.model);
    const ruleOf = rule ?? (ownRates || !c0 ? null : publishedTierRule(c0.provider, tier, c0.model));
    if (ownRates && o!.serviceTier) tierBasis = "override";
    else if (ruleOf?.kind === "percent_of_standard") {
      tokensCost = divHalfEven(standardNumerator * ruleOf.percent, PER_MTOK * 100n);
      tierBasis = "published_percent";
      source = ruleOf.source;
    } else if (ruleOf?.kind === "rates" && !ownRates) {
      const r = toRates(ruleOf.inputPerMTok, ruleOf.outputPerMTok, ruleOf.cachedInputPerMTok, null);
      tokensCost = costOf(ev, r);
      tierBasis = "published_rates";
      source = ruleOf.source;
    } else tierBasis = "standard_fallback";
  }

  const tokensLine: PriceLine = {
    kind: "tokens",
    quantity: ev.inputTokens + ev.outputTokens,
    costPico: tokensCost,
    unitPricePico: null,
    unpriced: false,
    serviceTier: tier,
    tierBasis,
    ...(longContextAbove !== undefined ? { longContextAbove } : {}),
    standardCostPico: standardCost,
    ...(source ? { source } : {}),
  };
  const lines: PriceLine[] = [tokensLine];
  for (const entry of LINE_UNITS) {
    const l = ev.units ? unitLine(entry, ev.units, o, c) : null;
    if (l) lines.push(l);
  }
  const subtotal = lines.reduce((s, l) => s + l.costPico, 0n);
  let cost = subtotal;
  if (o && (o.kind === "discount" || o.kind === "markup") && !ownRates) {
    const pct = o.kind === "discount" ? o.discountPercent : (o.percent ?? null);
    if (pct !== null && pct !== undefined) {
      // one rounding on the whole figure: keep (100 − p) % or add p %
      const adjusted =
        o.kind === "discount"
          ? divHalfEven(subtotal * (100n * 10n ** 12n - parseUsd(pct)), 100n * 10n ** 12n)
          : subtotal + percentOf(subtotal, pct);
      lines.push({
        kind: o.kind,
        quantity: 1,
        costPico: adjusted - subtotal,
        unitPricePico: null,
        unpriced: false,
        percent: pct,
        overrideId: o.id,
      });
      cost = adjusted;
    }
  }
  const plain = lines.length === 1 && tierBasis === "standard" && longContextAbove === undefined;
  const source_: "catalog" | "override" = o && (ownRates || lines.some((l) => l.overrideId)) ? "override" : "catalog";
  return { cost, source: source_, overrideId: source_ === "override" ? o!.id : null, lines: plain ? null : lines };
}

/** The internal chargeback margin on a counted cost: the most specific "margin" rule in force, or null. */
export function marginOn(
  ev: EventToPrice,
  cost: Pico,
  overrides: readonly PriceOverrideRow[],
  catalogModel: string | null,
  catalogProvider: string | null,
) {
  const m = findOverride(overrides, ev.provider, ev.model, ev.timestamp, catalogModel, {
    tier: ev.serviceTier ?? "standard",
    kinds: ["margin"],
    catalogProvider,
  });
  if (!m || !m.percent) return null;
  return { marginPico: percentOf(cost, m.percent), overrideId: m.id };
}

/** The units an event used, read back from its stored lines (restatement re-prices them). */
export function unitsFromLines(lines: readonly PriceLine[] | null): UsageUnits | undefined {
  if (!lines) return undefined;
  const u: UsageUnits = {};
  for (const l of lines) {
    if (l.kind === "web_search") u.webSearchCalls = l.quantity;
    else if (l.kind === "file_search") u.fileSearchCalls = l.quantity;
    else if (l.kind === "code_interpreter") u.codeInterpreterSessions = l.quantity;
    else if (l.kind === "tool_call") u.toolCalls = l.quantity;
    else if (l.kind === "image") u.images = l.quantity;
    else if (l.kind === "audio") u.audioMs = Math.round(l.quantity * 1000);
  }
  return u;
}

/** Lines of an event without a price: its units kept (cost 0, unpriced) so a later price restates them. */
function unpricedUnitLines(units: UsageUnits | undefined): PriceLine[] | null {
  if (!units) return null;
  const lines = LINE_UNITS.map((e) => unitLine(e, units, null, null)).filter((l): l is PriceLine => l !== null);
  return lines.length ? lines : null;
}

/** Prices one event: the caller's cost_usd when given (price book kept beside it), else the price book. */
export function priceEvent(
  ev: EventToPrice & { costUsd: string | null },
  overrides: readonly PriceOverrideRow[],
  rates: RatesFn = getRates,
): PricedEvent {
  const book = priceBookCost(ev, overrides, rates);
  const c = overrides.some((o) => o.kind === "margin") ? rates(ev.provider, ev.model, ev.timestamp) : null;
  const margin = (cost: Pico) => marginOn(ev, cost, overrides, c?.model ?? null, c?.provider ?? null)?.marginPico ?? null;
  if (ev.costUsd !== null) {
    const costPico = parseUsd(ev.costUsd);
    return {
      costPico,
      catalogCostPico: book ? book.cost : null,
      costSource: "caller",
      unpriced: false,
      overrideId: book?.overrideId ?? null,
      lines: book ? book.lines : unpricedUnitLines(ev.units),
      marginPico: margin(costPico),
    };
  }
  if (!book)
    return {
      costPico: 0n,
      catalogCostPico: null,
      costSource: "unpriced",
      unpriced: true,
      overrideId: null,
      lines: unpricedUnitLines(ev.units),
      marginPico: null,
    };
  return {
    costPico: book.cost,
    catalogCostPico: book.cost,
    costSource: book.source,
    unpriced: false,
    overrideId: book.overrideId,
    lines: book.lines,
    marginPico: margin(book.cost),
  };
}
