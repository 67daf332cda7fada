import { calcPrice, findProvider, type ModelPrice, type Provider } from "@pydantic/genai-prices";
import { floatToDecimalString } from "../money/decimal-text";

/**
 * Per-million-token rates from the bundled `@pydantic/genai-prices` catalog, as exact
 * decimal strings (USD per 1,000,000 tokens). The catalog hands out floats; we keep each
 * rate as the shortest decimal that round-trips ("0.3", never 0.299999…), and the costs
 * are computed from these strings in bigint picodollars (see price-event.ts).
 *
 * Resolution costs ~20 µs per call, so rates are cached per (provider, model, UTC day):
 * the catalog's history is dated by day, which is the finest resolution we honour.
 * Tiered prices (e.g. a higher rate above 200k input tokens in one request) are priced at
 * their base tier; time-of-day discounts are not applied.
 */
export type CatalogRates = {
  /** catalog provider id, e.g. "openai" */
  provider: string;
  /** catalog model id that matched, e.g. "gpt-4o-2024-05-13" */
  model: string;
  inputPerMTok: string;
  outputPerMTok: string;
  /** null: the catalog has no separate cache-read price (bill at the input rate) */
  cachedInputPerMTok: string | null;
  /** null: the catalog has no separate cache-write price (bill at the input rate) */
  cacheWritePerMTok: string | null;
};

const MAX_CACHE = 20_000;
const cache = new Map<string, CatalogRates | null>();

function rateOf(price: ModelPrice, key: string): string | null {
  const v = price[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return floatToDecimalString(v);
  if (typeof v === "object" && "base" in v && typeof v.base === "number") return floatToDecimalString(v.base);
  return null;
}

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Rates in force for (provider, model) on the UTC day of `at`; null when the catalog has no price. */
export function getRates(provider: string | null, model: string, at: Date): CatalogRates | null {
  const day = utcDay(at);
  const key = `${provider ?? ""}\u0000${model}\u0000${day}`;
  if (cache.has(key)) return cache.get(key)!;
  const rates = resolve(provider, model, new Date(`${day}T12:00:00.000Z`));
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, rates);
  return rates;
}

function resolve(provider: string | null, model: string, at: Date): CatalogRates | null {
  let result = null;
  try {
    const usage = { input_tokens: 1, output_tokens: 1 };
    result = provider ? calcPrice(usage, model, { providerId: provider.toLowerCase(), timestamp: at }) : null;
    // an unknown provider name (e.g. "azure-openai") should not hide a well-known model
    if (!result) result = calcPrice(usage, model, { timestamp: at });
  } catch {
    return null;
  }
  if (!result) return null;
  const input = rateOf(result.model_price, "input_mtok");
  const output = rateOf(result.model_price, "output_mtok");
  if (input === null && output === null) return null;
  return {
    provider: result.provider.id,
    model: result.model.id,
    inputPerMTok: input ?? "0",
    outputPerMTok: output ?? "0",
    cachedInputPerMTok: rateOf(result.model_price, "cache_read_mtok"),
    cacheWritePerMTok: rateOf(result.model_price, "cache_write_mtok"),
  };
}

export type CatalogModel = {
  provider: string;
  providerName: string;
  model: string;
  name: string;
  deprecated: boolean;
  inputPerMTok: string | null;
  outputPerMTok: string | null;
  cachedInputPerMTok: string | null;
};

/** Provider ids of the bundled catalog (the package does not export its list). */
const PROVIDER_IDS = [
  "anthropic",
  "arcee",
  "avian",
  "aws",
  "azure",
  "baseten",
  "cerebras",
  "cloudflare",
  "cohere",
  "cursor",
  "deepseek",
  "doubleword",
  "fireworks",
  "github-copilot",
  "google",
  "groq",
  "huggingface_cerebras",
  "huggingface_fireworks-ai",
  "huggingface_groq",
  "huggingface_hyperbolic",
  "huggingface_nebius",
  "huggingface_novita",
  "huggingface_nscale",
  "huggingface_ovhcloud",
  "huggingface_publicai",
  "huggingface_sambanova",
  "huggingface_together",
  "minimax",
  "mistral",
  "modal",
  "moonshotai",
  "novita",
  "openai",
  "openrouter",
  "ovhcloud",
  "perplexity",
  "quicksilverpro",
  "together",
  "typesafe",
  "voyageai",
  "x-ai",
  "zai",
  "zhipuai",
];

let catalogList: CatalogModel[] | null = null;

function currentPrice(prices: Provider["models"][number]["prices"], now: Date): ModelPrice | null {
  if (!Array.isArray(prices)) return prices;
  // conditional prices: the last whose start date has passed (or that has no date constraint)
  let chosen: ModelPrice | null = null;
  for (const p of prices) {
    const c = p.constraint;
    if (!c || c.type !== "start_date" || new Date(c.start_date) <= now) chosen = p.prices;
  }
  return chosen;
}

/** Every model in the bundled catalog with today's rates (price-book search, cheaper-model suggestions). */
export function listCatalogModels(): CatalogModel[] {
  if (catalogList) return catalogList;
  const now = new Date();
  const out: CatalogModel[] = [];
  for (const id of PROVIDER_IDS) {
    const p = findProvider({ providerId: id });
    if (!p) continue;
    for (const m of p.models) {
      const price = currentPrice(m.prices, now);
      out.push({
        provider: p.id,
        providerName: p.name,
        model: m.id,
        name: m.name ?? m.id,
        deprecated: Boolean(m.deprecated),
        inputPerMTok: price ? rateOf(price, "input_mtok") : null,
        outputPerMTok: price ? rateOf(price, "output_mtok") : null,
        cachedInputPerMTok: price ? rateOf(price, "cache_read_mtok") : null,
      });
    }
  }
  catalogList = out;
  return out;
}
