import { calcPrice, findProvider, type ModelPrice, type Provider } from "@pydantic/genai-prices";
import { floatToDecimalString } from "../money/decimal-text";
import { runtimeCache, runtimeSlot } from "../runtime";

/**
 * Per-million-token rates from the bundled `@pydantic/genai-prices` catalog, as exact
 * decimal strings (USD per 1,000,000 tokens). The catalog hands out floats; we keep each
 * rate as the shortest decimal that round-trips ("0.3", never 0.299999…), and the costs
 * are computed from these strings in bigint picodollars (see price-event.ts).
 *
 * Resolution costs ~20 µs per call, so rates are cached per (provider, model, UTC day):
 * the catalog's history is dated by day, which is the finest resolution we honour.
 * Tiered prices (a higher rate above e.g. 200k input tokens in one request) are kept as
 * `longContext`: the catalog's rule, every token of a request whose input (cached included)
 * exceeds the threshold at the higher rate (price-event.ts applies it). Time-of-day discounts
 * are not applied. Per-call and per-unit prices the catalog has (web searches, file searches,
 * audio hours) are kept for the priced lines of an event.
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
  /** long-context tiers, lowest threshold first: a request whose input tokens exceed `above` is priced at these rates */
  longContext?: LongContextTier[];
  /** USD per 1,000 web searches (catalog `web_searches_kcount`) */
  webSearchPerKCalls?: string | null;
  /** USD per 1,000 file (storage) searches (catalog `storage_searches_kcount`) */
  fileSearchPerKCalls?: string | null;
  /** USD per hour of audio (catalog `audio_hours`, else `input_audio_hours`) */
  audioPerHour?: string | null;
};

export type LongContextTier = {
  above: number;
  inputPerMTok: string;
  outputPerMTok: string;
  cachedInputPerMTok: string | null;
  cacheWritePerMTok: string | null;
};

/** (provider, model, UTC day) → rates, null where the catalog has no price (process state: lib/runtime/slots.ts) */
const ratesCache = () => runtimeCache<string, CatalogRates | null>("CatalogRates");

function rateOf(price: ModelPrice, key: string): string | null {
  const v = price[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return floatToDecimalString(v);
  if (typeof v === "object" && "base" in v && typeof v.base === "number") return floatToDecimalString(v.base);
  return null;
}

/** The rate of `key` for a request with `input` tokens, by the catalog's rule (the last tier whose start is below input). */
function rateAt(price: ModelPrice, key: string, input: number): string | null {
  const v = price[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return floatToDecimalString(v);
  if (typeof v === "object" && "base" in v && typeof v.base === "number") {
    let r = v.base;
    for (const t of [...v.tiers].sort((a, b) => a.start - b.start)) if (input > t.start) r = t.price;
    return floatToDecimalString(r);
  }
  return null;
}

function longContextTiers(price: ModelPrice): LongContextTier[] {
  const starts = new Set<number>();
  for (const k of ["input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok"]) {
    const v = price[k];
    if (v && typeof v === "object" && Array.isArray(v.tiers)) for (const t of v.tiers) starts.add(t.start);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((above) => ({
      above,
      inputPerMTok: rateAt(price, "input_mtok", above + 1) ?? "0",
      outputPerMTok: rateAt(price, "output_mtok", above + 1) ?? "0",
      cachedInputPerMTok: rateAt(price, "cache_read_mtok", above + 1),
      cacheWritePerMTok: rateAt(price, "cache_write_mtok", above + 1),
    }));
}

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Rates in force for (provider, model) on the UTC day of `at`; null when the catalog has no price. */
export function getRates(provider: string | null, model: string, at: Date): CatalogRates | null {
  const day = utcDay(at);
  const key = `${provider ?? ""}\u0000${model}\u0000${day}`;
  const cache = ratesCache();
  if (cache.has(key)) return cache.get(key)!;
  const rates = resolve(provider, model, new Date(`${day}T12:00:00.000Z`));
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
    longContext: longContextTiers(result.model_price),
    webSearchPerKCalls: rateOf(result.model_price, "web_searches_kcount"),
    fileSearchPerKCalls: rateOf(result.model_price, "storage_searches_kcount"),
    audioPerHour: rateOf(result.model_price, "audio_hours") ?? rateOf(result.model_price, "input_audio_hours"),
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

const catalogListSlot = runtimeSlot<CatalogModel[]>("CatalogModels");

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
  if (catalogListSlot.value) return catalogListSlot.value;
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
  catalogListSlot.value = out;
  return out;
}
