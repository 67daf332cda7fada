/**
 * FOCUS Usage rows of model calls: one per day × feature × team × tier × model × environment
 * (the daily rollups), each team's rows rounded to its direct cost in the chargeback
 * (roundPerTeam). Provider names and the model identity properties of SkuPriceDetails live here.
 * Pure.
 */
import { formatUsd6, type Pico } from "../money";
import { DAY_MS } from "../time";
import { ascii, dec, iso, roundPerTeam, type FocusContext, type FocusRow } from "./focus-shared";

/** What a usage row is per (one FOCUS row each): the daily rollup's dimensions. */
export type FocusUsageKey = {
  day: Date;
  feature: string;
  team: string;
  tier: string;
  model: string;
  environment: string;
  provider: string;
};

export type FocusUsageInput = FocusUsageKey & {
  events: number;
  input: bigint;
  output: bigint;
  cached: bigint;
  cacheWrite: bigint;
  reasoning: bigint;
  costPico: Pico;
  catalogPico: Pico;
};

/** Display names of providers (ProviderName / PublisherName / InvoiceIssuerName) and their service. */
const PROVIDERS: Record<string, [string, string]> = {
  openai: ["OpenAI", "OpenAI API"],
  anthropic: ["Anthropic", "Claude API"],
  google: ["Google", "Gemini API"],
  "google-vertex": ["Google Cloud", "Vertex AI"],
  aws: ["AWS", "Amazon Bedrock"],
  bedrock: ["AWS", "Amazon Bedrock"],
  azure: ["Microsoft", "Azure OpenAI"],
  mistral: ["Mistral AI", "Mistral API"],
  groq: ["Groq", "GroqCloud"],
  deepseek: ["DeepSeek", "DeepSeek API"],
  cohere: ["Cohere", "Cohere API"],
};
export function providerNames(provider: string): { name: string; service: string } {
  const p = PROVIDERS[provider.toLowerCase()];
  if (p) return { name: p[0], service: p[1] };
  const name = provider ? ascii(provider) : "Unknown provider";
  return { name, service: `${name} API` };
}

/** Model developers by model name prefix (the provider may only host the model: Bedrock, Vertex, Azure). */
const DEVELOPERS: [RegExp, string][] = [
  [/^(gpt-|o\d|chatgpt|text-embedding|dall-e|whisper|tts-|davinci|babbage|codex)/, "OpenAI"],
  [/^claude/, "Anthropic"],
  [/^(gemini|gemma|text-bison|chat-bison|imagen)/, "Google"],
  [/^(mistral|mixtral|codestral|pixtral|ministral|magistral|devstral)/, "Mistral AI"],
  [/^(llama|meta-llama)/, "Meta"],
  [/^(command|embed-|rerank)/, "Cohere"],
  [/^deepseek/, "DeepSeek"],
  [/^(amazon\.|nova|titan)/, "Amazon"],
  [/^grok/, "xAI"],
  [/^(qwen|qwq)/, "Alibaba Cloud"],
];

/**
 * The FOCUS-defined model identity properties of SkuPriceDetails (FOCUS_Spec PR #2442):
 * ModelDeveloper (from the model name, else the provider), ModelId (as billed), and for a dated
 * model id ("gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022") ModelFamily and ModelVersion.
 */
export function modelIdentity(provider: string, model: string): Record<string, string> {
  const bare = model.replace(/^(us|eu|apac|global)\./, "").replace(/^[a-z]+\.(?=[a-z])/, (m) => (/^(amazon)\./.test(m) ? m : ""));
  const lower = bare.toLowerCase();
  const developer = DEVELOPERS.find(([re]) => re.test(lower))?.[1] ?? providerNames(provider).name;
  const dated = /^(.+?)[-@](\d{4}-\d{2}-\d{2}|\d{8})(?:-v\d+(?::\d+)?)?$/.exec(bare);
  return {
    ModelDeveloper: ascii(developer),
    ...(dated ? { ModelFamily: ascii(dated[1]) } : {}),
    ModelId: ascii(model),
    ...(dated ? { ModelVersion: dated[2] } : {}),
  };
}

const key = (r: FocusUsageKey) => `${iso(r.day)}|${r.feature}|${r.team}|${r.tier}|${r.model}|${r.environment}|${r.provider}`;

/** The usage rows, and per team what they could not reach of a frozen chargeback (an Adjustment row). */
export function usageRows(
  ctx: FocusContext,
  input: {
    usage: FocusUsageInput[];
    invoiceIds: Map<string, string>;
    rates: (provider: string, model: string, day: Date) => { input: string; output: string } | null;
  },
): { rows: FocusRow[]; residual: Map<string, Pico> } {
  const { v13, common, teamRow } = ctx;
  const direct = roundPerTeam(
    input.usage.map((u) => ({ key: key(u), team: u.team, value: u.costPico })),
    (t) => teamRow.get(t)?.directPico,
    [...teamRow.keys()],
  );
  const rows: FocusRow[] = input.usage.map((u) => {
    const names = providerNames(u.provider);
    const billed = direct.rounded.get(key(u))!;
    const list = u.catalogPico > u.costPico ? u.catalogPico : u.costPico;
    const tokens = u.input + u.output;
    const sku = `${u.provider || "unknown"}/${u.model}`;
    const rates = input.rates(u.provider, u.model, u.day);
    return {
      ...common,
      BilledCost: formatUsd6(billed),
      ChargeCategory: "Usage",
      ChargeDescription: ascii(`${u.feature} on ${u.model}`),
      ChargeFrequency: "Usage-Based",
      ChargePeriodStart: iso(u.day),
      ChargePeriodEnd: iso(new Date(u.day.getTime() + DAY_MS)),
      ConsumedQuantity: dec(tokens),
      ConsumedUnit: "Tokens",
      ContractedCost: formatUsd6(billed),
      EffectiveCost: formatUsd6(billed),
      InvoiceId: input.invoiceIds.get(u.provider) ?? null,
      InvoiceIssuerName: names.name,
      ListCost: formatUsd6(billed > list ? billed : list),
      PricingCategory: "Standard",
      PricingQuantity: dec(tokens),
      PricingUnit: "Tokens",
      ProviderName: names.name,
      PublisherName: names.name,
      ResourceId: `${ctx.organizationId}/${u.feature}`,
      ResourceName: ascii(u.feature),
      ResourceType: "AI feature",
      ServiceCategory: "AI and Machine Learning",
      ServiceName: names.service,
      ServiceSubcategory: "Generative AI",
      SkuId: sku,
      // 1.3: the model identity properties (price amounts are not SKU price properties in 1.3);
      // 1.2: the price-book rates under x_ keys, as before
      SkuPriceDetails: v13
        ? JSON.stringify(modelIdentity(u.provider, u.model))
        : rates
          ? JSON.stringify({ x_InputPricePerMillionTokens: rates.input, x_OutputPricePerMillionTokens: rates.output })
          : null,
      ServiceProviderName: names.name,
      // the provider's API: it gives no visibility into the infrastructure under it (MAY equal ServiceProviderName)
      HostProviderName: names.name,
      AllocatedMethodId: null,
      AllocatedResourceId: null,
      AllocatedResourceName: null,
      SkuPriceId: `${sku}/tokens`,
      x_Feature: u.feature,
      x_Team: u.team,
      x_TenantTier: u.tier,
      x_Environment: u.environment,
      x_Events: String(u.events),
      x_ModelId: u.model,
      x_ModelProvider: u.provider,
      x_InputTokens: dec(u.input),
      x_OutputTokens: dec(u.output),
      x_CacheReadTokens: dec(u.cached),
      x_CacheWriteTokens: dec(u.cacheWrite),
      x_ReasoningTokens: dec(u.reasoning),
    };
  });

  return { rows, residual: direct.residual };
}
