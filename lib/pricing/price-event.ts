import { divHalfEven, parseUsd, type Pico } from "../money";
import { getRates, type CatalogRates } from "./catalog-rates";

/**
 * Exact price of one event, in bigint picodollars.
 *
 * Token vector convention (docs/ingestion.md, same as the catalog): `input_tokens` INCLUDES cached and
 * cache-write tokens. So: uncached = input − cached − cache_write, billed at the input rate;
 * cached at the cache-read rate; cache_write at the cache-write rate (both fall back to the
 * input rate when no separate price exists); output (reasoning included) at the output rate.
 *
 * Organisation overrides win over the catalog: the most specific override in force at the
 * event's timestamp (provider-specific beats "any provider"; then the latest effectiveFrom).
 * A "rates" override replaces the rates; a "discount" override takes percent off the
 * catalog price. Without a price and without cost_usd the event is unpriced (cost 0).
 */
export type PriceOverrideRow = {
  id: string;
  provider: string | null;
  model: string;
  kind: "rates" | "discount" | string;
  inputPerMTokUsd: string | null;
  outputPerMTokUsd: string | null;
  cachedInputPerMTokUsd: string | null;
  cacheWritePerMTokUsd: string | null;
  discountPercent: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
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
};

type Rates = { input: Pico; output: Pico; cached: Pico; cacheWrite: Pico };

const PER_MTOK = 1_000_000n;

/** Cost of a token vector at per-MTok rates (pico per MTok), rounded half-even to a picodollar. */
export function costOf(t: TokenVector, r: Rates): Pico {
  const cached = BigInt(Math.min(t.cachedInputTokens, t.inputTokens));
  const write = BigInt(Math.min(t.cacheWriteTokens, t.inputTokens - Number(cached)));
  const uncached = BigInt(t.inputTokens) - cached - write;
  const numerator = uncached * r.input + cached * r.cached + write * r.cacheWrite + BigInt(t.outputTokens) * r.output;
  return divHalfEven(numerator, PER_MTOK);
}

export function catalogRatesToPico(c: CatalogRates): Rates {
  const input = parseUsd(c.inputPerMTok);
  return {
    input,
    output: parseUsd(c.outputPerMTok),
    cached: c.cachedInputPerMTok !== null ? parseUsd(c.cachedInputPerMTok) : input,
    cacheWrite: c.cacheWritePerMTok !== null ? parseUsd(c.cacheWritePerMTok) : input,
  };
}

/**
 * The override in force for (provider, model) at `at`, or null. An override names either the
 * model string events carry, or the catalog's model id that string resolves to (an override on
 * catalog "gpt-4o" applies to events of "gpt-4o-2024-08-06" when the catalog maps one to the other).
 */
export function findOverride(
  overrides: readonly PriceOverrideRow[],
  provider: string | null,
  model: string,
  at: Date,
  catalogModel: string | null = null,
): PriceOverrideRow | null {
  let best: PriceOverrideRow | null = null;
  const t = at.getTime();
  for (const o of overrides) {
    if (o.model !== model && o.model !== catalogModel) continue;
    if (o.provider !== null && o.provider !== provider) continue;
    if (o.effectiveFrom.getTime() > t) continue;
    if (o.effectiveTo && o.effectiveTo.getTime() <= t) continue;
    const exact = (x: PriceOverrideRow) => Number(x.model === model);
    const specific = (x: PriceOverrideRow) => Number(x.provider !== null);
    if (
      !best ||
      exact(o) > exact(best) ||
      (exact(o) === exact(best) && specific(o) > specific(best)) ||
      (exact(o) === exact(best) && specific(o) === specific(best) && o.effectiveFrom > best.effectiveFrom)
    ) {
      best = o;
    }
  }
  return best;
}

const PCT_SCALE = 1_000_000n; // percent with 4 decimals → × 10^4, of 100 → 10^6

function applyDiscount(cost: Pico, percent: string): Pico {
  const pct = parseUsd(percent); // percent × 10^12
  const keepScaled = PCT_SCALE - divHalfEven(pct, 100_000_000n); // (100 − pct) × 10^4
  return divHalfEven(cost * keepScaled, PCT_SCALE);
}

/** Price-book figure for a token vector (overrides, then catalog); null when no price is known. */
export function priceBookCost(
  ev: { provider: string | null; model: string; timestamp: Date } & TokenVector,
  overrides: readonly PriceOverrideRow[],
  rates: (provider: string | null, model: string, at: Date) => CatalogRates | null = getRates,
): { cost: Pico; source: "catalog" | "override"; overrideId: string | null } | null {
  const c = rates(ev.provider, ev.model, ev.timestamp);
  const o = findOverride(overrides, ev.provider, ev.model, ev.timestamp, c?.model ?? null);
  if (o && o.kind === "rates" && o.inputPerMTokUsd !== null && o.outputPerMTokUsd !== null) {
    const input = parseUsd(o.inputPerMTokUsd);
    const r: Rates = {
      input,
      output: parseUsd(o.outputPerMTokUsd),
      cached: o.cachedInputPerMTokUsd !== null ? parseUsd(o.cachedInputPerMTokUsd) : input,
      cacheWrite: o.cacheWritePerMTokUsd !== null ? parseUsd(o.cacheWritePerMTokUsd) : input,
    };
    return { cost: costOf(ev, r), source: "override", overrideId: o.id };
  }
  if (!c) return null;
  const base = costOf(ev, catalogRatesToPico(c));
  if (o && o.kind === "discount" && o.discountPercent !== null) {
    return { cost: applyDiscount(base, o.discountPercent), source: "override", overrideId: o.id };
  }
  return { cost: base, source: "catalog", overrideId: null };
}

/** Prices one event: the caller's cost_usd when given (price book kept beside it), else the price book. */
export function priceEvent(
  ev: { provider: string | null; model: string; timestamp: Date; costUsd: string | null } & TokenVector,
  overrides: readonly PriceOverrideRow[],
  rates?: (provider: string | null, model: string, at: Date) => CatalogRates | null,
): PricedEvent {
  const book = priceBookCost(ev, overrides, rates);
  if (ev.costUsd !== null) {
    return {
      costPico: parseUsd(ev.costUsd),
      catalogCostPico: book ? book.cost : null,
      costSource: "caller",
      unpriced: false,
      overrideId: book?.overrideId ?? null,
    };
  }
  if (!book) return { costPico: 0n, catalogCostPico: null, costSource: "unpriced", unpriced: true, overrideId: null };
  return { costPico: book.cost, catalogCostPico: book.cost, costSource: book.source, unpriced: false, overrideId: book.overrideId };
}
