/**
 * Provider service tiers (decision 045). The catalog (`@pydantic/genai-prices` 0.1.8) prices the
 * standard tier only, so the other tiers come from the providers' published prices below. Where a
 * provider publishes no exact price (Anthropic Priority Tier and OpenAI Scale Tier are priced by
 * contract; Gemini priority is "75% to 100% more"), the tier is priced at standard rates and the
 * event's tokens line says so (`tier_basis: "standard_fallback"`): an organisation adds a price-book
 * rule for that tier to price it exactly.
 *
 * Sources (read 2026-12-07):
 * - OpenAI Batch API: 50 % of the synchronous price on input and output
 *   (https://developers.openai.com/api/docs/guides/cost-optimization, "Batch API", and the Batch guide).
 * - OpenAI flex processing: the Batch API's prices, 50 % of standard
 *   (https://developers.openai.com/api/docs/guides/cost-optimization, "Flex processing";
 *   https://dev.classmethod.jp/en/articles/openai-flex-processing/ compares the three).
 * - OpenAI priority processing: per-model prices per 1M tokens (input, cached input, output), table at
 *   https://openai.com/api-priority-processing/ ("excludes long context": >128k prompt tokens).
 * - Anthropic Message Batches: 50 % of standard on all usage
 *   (https://platform.claude.com/docs/en/build-with-claude/batch-processing).
 * - Anthropic Priority Tier: a capacity commitment priced by contract
 *   (https://platform.claude.com/docs/en/api/service-tiers).
 * - Gemini API: Flex and Batch 50 % of standard, Priority 75–100 % more
 *   (https://ai.google.dev/gemini-api/docs/optimization).
 */

export const SERVICE_TIERS = ["standard", "flex", "priority", "scale", "batch"] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** What providers put in `service_tier` (request or response), mapped to our tiers. */
const ALIASES: Record<string, ServiceTier> = {
  standard: "standard",
  default: "standard",
  auto: "standard",
  standard_only: "standard",
  on_demand: "standard",
  flex: "flex",
  priority: "priority",
  scale: "scale",
  batch: "batch",
};

/** The tier a provider's `service_tier` value names, or null when it names none we know. */
export function normalizeServiceTier(value: string): ServiceTier | null {
  return ALIASES[value.trim().toLowerCase()] ?? null;
}

export const SERVICE_TIER_VALUES = Object.keys(ALIASES);

/** A tier's price relative to standard: a share of the standard price (percent), or absolute rates per model. */
export type TierRule =
  | { kind: "percent_of_standard"; percent: bigint; source: string }
  | { kind: "rates"; inputPerMTok: string; cachedInputPerMTok: string | null; outputPerMTok: string; source: string };

const OPENAI_COST_OPTIMIZATION = "https://developers.openai.com/api/docs/guides/cost-optimization";
const OPENAI_PRIORITY = "https://openai.com/api-priority-processing/";
const ANTHROPIC_BATCH = "https://platform.claude.com/docs/en/build-with-claude/batch-processing";
const GEMINI_OPTIMIZATION = "https://ai.google.dev/gemini-api/docs/optimization";

const HALF = (source: string): TierRule => ({ kind: "percent_of_standard", percent: 50n, source });

/** OpenAI priority processing, USD per 1M tokens: [input, cached input (null: none published), output]. */
const OPENAI_PRIORITY_RATES: Record<string, [string, string | null, string]> = {
  "gpt-5.4": ["5.00", "0.500", "30.00"],
  "gpt-5.4-mini": ["1.50", "0.150", "9.00"],
  "gpt-5.2": ["3.50", "0.350", "28.00"],
  "gpt-5.1": ["2.50", "0.250", "20.00"],
  "gpt-5.1-codex": ["2.50", "0.250", "20.00"],
  "gpt-5": ["2.50", "0.250", "20.00"],
  "gpt-5-codex": ["2.50", "0.250", "20.00"],
  "gpt-5-mini": ["0.45", "0.045", "3.60"],
  "gpt-4.1": ["3.50", "0.875", "14.00"],
  "gpt-4.1-mini": ["0.70", "0.175", "2.80"],
  "gpt-4.1-nano": ["0.20", "0.050", "0.80"],
  "gpt-4o": ["4.25", "2.125", "17.00"],
  "gpt-4o-2024-11-20": ["4.25", "2.125", "17.00"],
  "gpt-4o-2024-08-06": ["4.25", "2.125", "17.00"],
  "gpt-4o-2024-05-13": ["8.75", null, "26.25"],
  "gpt-4o-mini": ["0.25", "0.125", "1.00"],
  o3: ["3.50", "0.875", "14.00"],
  "o4-mini": ["2.00", "0.500", "8.00"],
};

/** The priority table's entry for a model: exact, else the model without its date suffix. */
function openAiPriority(model: string): TierRule | null {
  const m = model.toLowerCase();
  const hit = OPENAI_PRIORITY_RATES[m] ?? OPENAI_PRIORITY_RATES[m.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
  if (!hit) return null;
  return { kind: "rates", inputPerMTok: hit[0], cachedInputPerMTok: hit[1], outputPerMTok: hit[2], source: OPENAI_PRIORITY };
}

/**
 * The published price rule of (provider, tier, model), or null when standard rates apply
 * (standard itself, or no exact published price). `provider` is the catalog's provider id.
 */
export function publishedTierRule(provider: string | null, tier: ServiceTier, model: string): TierRule | null {
  if (tier === "standard") return null;
  const p = (provider ?? "").toLowerCase();
  if (p === "openai") {
    if (tier === "batch" || tier === "flex") return HALF(OPENAI_COST_OPTIMIZATION);
    if (tier === "priority") return openAiPriority(model);
    return null; // scale: prepaid capacity units, priced by contract
  }
  if (p === "anthropic") return tier === "batch" ? HALF(ANTHROPIC_BATCH) : null;
  if (p === "google") return tier === "batch" || tier === "flex" ? HALF(GEMINI_OPTIMIZATION) : null;
  return null;
}
