/**
 * Re-pricing rollup token sums under another model (docs/decisions/024). A DailyRollup row holds
 * the exact token sums of its events per (day, feature, team, tier, model, environment); the
 * price book is linear in each token type with rates fixed per (provider, model, UTC day), so
 * pricing the sums at the candidate's rates of that day equals re-pricing every event, to the
 * picodollar rounding of each event (tests/opportunities/reprice.test.ts checks it against a
 * per-event recomputation). Reasoning tokens are inside output tokens (the event contract).
 */
import { findProvider, type ModelPrice } from "@pydantic/genai-prices";
import { getRates, type CatalogRates } from "../pricing/catalog-rates";
import { priceBookCost, type PriceOverrideRow } from "../pricing/price-event";
import type { Pico } from "../money";
import { runtimeCache } from "../runtime";

export type RollupTokens = { day: string; inputTokens: bigint; outputTokens: bigint; cachedInputTokens: bigint; cacheWriteTokens: bigint };

type RatesFn = (provider: string | null, model: string, at: Date) => CatalogRates | null;

/**
 * Cost of the rows' token vectors had they gone to `candidate` (the organisation's overrides
 * for that model included), priced at the rates in force on each row's day. Null when the
 * price book has no price for the candidate on some day (no estimate rather than a wrong one).
 */
export function repriceRows(
  rows: readonly RollupTokens[],
  candidate: { provider: string | null; model: string },
  overrides: readonly PriceOverrideRow[],
  rates: RatesFn = getRates,
): Pico | null {
  let total = 0n;
  for (const r of rows) {
    const priced = priceBookCost(
      {
        provider: candidate.provider,
        model: candidate.model,
        timestamp: new Date(`${r.day}T12:00:00.000Z`),
        inputTokens: Number(r.inputTokens),
        outputTokens: Number(r.outputTokens),
        cachedInputTokens: Number(r.cachedInputTokens),
        cacheWriteTokens: Number(r.cacheWriteTokens),
      },
      overrides,
      rates,
    );
    if (!priced) return null;
    total += priced.cost;
  }
  return total;
}

export type CatalogFacts = { contextWindow: number | null; tierStart: number | null };

const TOKEN_PRICE_KEYS = ["input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok"];

function lowestTierStart(price: ModelPrice | null): number | null {
  if (!price) return null;
  let start: number | null = null;
  for (const k of TOKEN_PRICE_KEYS) {
    const v = price[k];
    if (v && typeof v === "object" && "tiers" in v) for (const t of v.tiers) start = start === null ? t.start : Math.min(start, t.start);
  }
  return start;
}

const factsCache = runtimeCache<string, CatalogFacts>("CatalogFacts");

/**
 * Context window and the first long-context tier of a catalog model. Spendline prices every
 * request at the base tier (catalog-rates.ts), so a candidate whose rates rise above a tier is
 * only offered when the feature's largest sampled request stays below that tier.
 */
export function catalogFacts(provider: string, model: string, now = new Date()): CatalogFacts {
  const key = `${provider}\u0000${model}`;
  const hit = factsCache.get(key);
  if (hit) return hit;
  const p = findProvider({ providerId: provider });
  const m = p?.models.find((x) => x.id === model);
  let price: ModelPrice | null = null;
  if (m) {
    if (!Array.isArray(m.prices)) price = m.prices;
    else
      for (const c of m.prices)
        if (!c.constraint || c.constraint.type !== "start_date" || new Date(c.constraint.start_date) <= now) price = c.prices;
  }
  const facts = { contextWindow: m?.context_window ?? null, tierStart: lowestTierStart(price) };
  factsCache.set(key, facts);
  return facts;
}

/** Whether a candidate can take the feature's requests: context fits, no long-context tier reached. */
export function fitsRequests(facts: CatalogFacts, maxInputTokens: number | null): boolean {
  if (maxInputTokens === null) return facts.tierStart === null;
  if (facts.contextWindow !== null && maxInputTokens > facts.contextWindow) return false;
  if (facts.tierStart !== null && maxInputTokens > facts.tierStart) return false;
  return true;
}
