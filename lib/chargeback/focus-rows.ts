/**
 * FOCUS 1.3 (default) or 1.2 rows for a month's chargeback (docs/decisions/021-focus-1-2-export.md,
 * 041-focus-1-3.md). Pure. One row set serves both versions; the columns written differ.
 *
 *  - one Usage row per day × feature × team × tier × model × environment (daily rollups);
 *  - one Usage row per shared/fixed cost and team it was allocated to (a fixed cost is spread
 *    per day over its period, so it is priced in Days: PricingQuantity = its days in the month);
 *  - one Adjustment row per team for the invoice true-up (lib/billing), when one is applied.
 * Money columns reconcile exactly with the chargeback: each team's usage rows are rounded to
 * 6 decimals by the chargeback's largest-remainder rule to that team's direct_usd, its
 * allocation rows to its allocated_usd, its true-up row is its true_up_usd.
 * Token detail the FOCUS 1.5 working draft converges on (token direction, cache action, model
 * identity) rides in x_ columns.
 */
import { formatUsd6, parseUsd, type Pico } from "../money";
import { roundLargestRemainder } from "../money/largest-remainder";
import type { ChargebackReport } from "./compute-chargeback";
import { FOCUS_12_MANDATORY, FOCUS_13_MANDATORY, type FocusVersion } from "./focus-conformance";
import { DAY_MS } from "../time";
import { UNALLOCATED } from "../costs/schemas";

/** HostProviderName where no infrastructure is involved or it cannot be determined (FOCUS 1.3). */
const NOT_APPLICABLE = "Not Applicable";
/** AllocatedMethodId of the chargeback's shared-cost allocation (docs/metrics.md "Chargeback", decision 009). */
export const ALLOCATION_METHOD = "spendline-chargeback-allocation";

export const FOCUS_VERSION: FocusVersion = "1.3";

/** The conditional and recommended FOCUS 1.2 columns that apply to this export. */
const FOCUS_APPLICABLE = [
  "ChargeFrequency",
  "ConsumedQuantity",
  "ConsumedUnit",
  "InvoiceId",
  "PricingCategory",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "ServiceSubcategory",
  "SkuId",
  "SkuPriceDetails",
  "SkuPriceId",
] as const;

const X_COLUMNS = [
  "x_Feature",
  "x_Team",
  "x_TenantTier",
  "x_Environment",
  "x_Events",
  "x_ModelId",
  "x_ModelProvider",
  "x_InputTokens",
  "x_OutputTokens",
  "x_CacheReadTokens",
  "x_CacheWriteTokens",
  "x_ReasoningTokens",
] as const;
/** FOCUS 1.3 split cost allocation columns that apply (shared costs allocated to teams). */
const FOCUS_13_ALLOCATION = ["AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName"] as const;

/** FOCUS 1.2 columns (mandatory, plus the applicable ones) in name order, then x_ columns. */
export const FOCUS_12_COLUMNS = [...[...FOCUS_12_MANDATORY, ...FOCUS_APPLICABLE].sort(), ...X_COLUMNS] as const;
/** FOCUS 1.3 columns: 1.2's, ServiceProviderName, HostProviderName and the allocation columns. */
export const FOCUS_13_COLUMNS = [...[...FOCUS_13_MANDATORY, ...FOCUS_APPLICABLE, ...FOCUS_13_ALLOCATION].sort(), ...X_COLUMNS] as const;
export const FOCUS_COLUMNS = FOCUS_13_COLUMNS;
export const focusColumns = (version: FocusVersion): readonly FocusColumn[] => (version === "1.2" ? FOCUS_12_COLUMNS : FOCUS_13_COLUMNS);
export type FocusColumn = (typeof FOCUS_13_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string | null>;

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
/** StringHandling in practice: names and descriptions as plain ASCII (an em dash fails strict validators). */
export const ascii = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u2012-\u2015]/g, "-")
    .replace(/[^\x20-\x7E]/g, "");
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

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
/** FOCUS Decimal columns: always written with a decimal point. */
const dec = (n: bigint | number) => `${n}.0`;
const key = (r: FocusUsageKey) => `${iso(r.day)}|${r.feature}|${r.team}|${r.tier}|${r.model}|${r.environment}|${r.provider}`;

/**
 * Rounds each team's exact parts to micro-dollars adding up to the team's figure in the
 * chargeback (largest remainder, decision 009). When the parts cannot reach it — a closed
 * month's frozen figure against rollups that changed after the close (late arrivals, restated
 * or deleted events), or a team the frozen chargeback never saw — the parts are rounded on
 * their own and the difference is returned per team, to be written as its own Adjustment row:
 * the file still sums to the chargeback, and the difference is visible rather than smeared
 * over usage rows.
 */
export function roundPerTeam(
  parts: { key: string; team: string; value: Pico }[],
  teamTarget: (team: string) => Pico | undefined,
  /** every team the chargeback has a figure for (one whose parts are all gone keeps a residual) */
  teams: string[],
): { rounded: Map<string, Pico>; residual: Map<string, Pico> } {
  const rounded = new Map<string, Pico>();
  const residual = new Map<string, Pico>();
  const byTeam = new Map<string, { key: string; value: Pico }[]>();
  for (const t of teams) byTeam.set(t, []);
  for (const p of parts) {
    const list = byTeam.get(p.team);
    if (list) list.push(p);
    else byTeam.set(p.team, [p]);
  }
  for (const [team, list] of byTeam) {
    const target = teamTarget(team) ?? 0n;
    const onItsOwn = roundLargestRemainder(list, 1_000_000n);
    let own = 0n;
    for (const v of onItsOwn.values()) own += v;
    const floors = list.reduce((s, p) => s + (p.value / 1_000_000n) * 1_000_000n, 0n);
    const reachable = target >= floors && target - floors <= BigInt(list.length) * 1_000_000n;
    const mine = reachable ? roundLargestRemainder(list, 1_000_000n, target) : onItsOwn;
    if (!reachable && target !== own) residual.set(team, target - own);
    for (const [k, v] of mine) rounded.set(k, v);
  }
  return { rounded, residual };
}

export function buildFocusRows(input: {
  /** the FOCUS version the rows follow (default 1.3); 1.2 keeps the 1.2 export's values */
  version?: FocusVersion;
  organizationId: string;
  organizationName: string;
  month: string;
  from: Date;
  to: Date;
  usage: FocusUsageInput[];
  report: ChargebackReport;
  /** the fixed costs' days inside the month, by fixed cost id (PricingQuantity in Days) */
  daysInMonth: Map<string, number>;
  /** provider → imported invoice id for the month (InvoiceId), when one was imported */
  invoiceIds: Map<string, string>;
  /** (provider, model, day) → price-book rates per million tokens, or null */
  rates: (provider: string, model: string, day: Date) => { input: string; output: string } | null;
}): FocusRow[] {
  const { report } = input;
  const v13 = (input.version ?? FOCUS_VERSION) === "1.3";
  const teamRow = new Map(report.rows.map((r) => [r.team, r]));
  const common = {
    BillingAccountId: input.organizationId,
    BillingAccountName: ascii(input.organizationName) || input.organizationId,
    BillingCurrency: "USD",
    BillingPeriodStart: iso(input.from),
    BillingPeriodEnd: iso(input.to),
    ChargeClass: null,
  };
  const direct = roundPerTeam(
    input.usage.map((u) => ({ key: key(u), team: u.team, value: u.costPico })),
    (t) => (teamRow.has(t) ? parseUsd(teamRow.get(t)!.direct_usd) : undefined),
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
      ResourceId: `${input.organizationId}/${u.feature}`,
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

  const alloc = roundPerTeam(
    report.allocations.map((a, i) => ({ key: String(i), team: a.team, value: parseUsd(a.amount_usd) })),
    (t) => (teamRow.has(t) ? parseUsd(teamRow.get(t)!.allocated_usd) : undefined),
    [...teamRow.keys()],
  );
  const empty = {
    x_Feature: null,
    x_TenantTier: null,
    x_Environment: null,
    x_Events: "0",
    x_ModelId: null,
    x_ModelProvider: null,
    x_InputTokens: null,
    x_OutputTokens: null,
    x_CacheReadTokens: null,
    x_CacheWriteTokens: null,
    x_ReasoningTokens: null,
  };
  report.allocations.forEach((a, i) => {
    const amount = formatUsd6(alloc.rounded.get(String(i))!);
    const days = input.daysInMonth.get(a.fixed_cost_id) ?? 1;
    rows.push({
      ...common,
      BilledCost: amount,
      ChargeCategory: "Usage",
      ChargeDescription: ascii(`${a.name} (shared cost allocated to ${a.team})`),
      ChargeFrequency: "Recurring",
      ChargePeriodStart: iso(input.from),
      ChargePeriodEnd: iso(input.to),
      ConsumedQuantity: dec(days),
      ConsumedUnit: "Days",
      ContractedCost: amount,
      EffectiveCost: amount,
      InvoiceId: null,
      InvoiceIssuerName: ascii(input.organizationName) || "Internal",
      ListCost: amount,
      PricingCategory: "Standard",
      PricingQuantity: dec(days),
      PricingUnit: "Days",
      ProviderName: ascii(input.organizationName) || "Internal",
      PublisherName: ascii(input.organizationName) || "Internal",
      ResourceId: a.fixed_cost_id,
      ResourceName: ascii(a.name),
      ResourceType: "Shared cost",
      ServiceCategory: "AI and Machine Learning",
      ServiceName: "Shared AI costs",
      ServiceSubcategory: "Generative AI",
      SkuId: `fixed/${a.fixed_cost_id}`,
      SkuPriceDetails: null,
      SkuPriceId: `fixed/${a.fixed_cost_id}/day`,
      ServiceProviderName: ascii(input.organizationName) || "Internal",
      HostProviderName: NOT_APPLICABLE,
      // split cost allocation (1.3): the chargeback's rule split the shared cost; the team is what
      // it was allocated to, and the unallocated portion names nothing
      AllocatedMethodId: ALLOCATION_METHOD,
      AllocatedResourceId: a.team === UNALLOCATED ? null : `team/${a.team}`,
      AllocatedResourceName: a.team === UNALLOCATED ? null : ascii(a.team),
      x_Team: a.team,
      ...empty,
    });
  });

  for (const r of report.rows) {
    if (!r.true_up_usd || r.true_up_usd === "0.000000") continue;
    rows.push({
      ...common,
      BilledCost: r.true_up_usd,
      ChargeCategory: "Adjustment",
      ChargeDescription: ascii(`Invoice true-up: unattributed remainder allocated to ${r.team}`),
      ChargeFrequency: "One-Time",
      ChargePeriodStart: iso(input.from),
      ChargePeriodEnd: iso(input.to),
      ConsumedQuantity: null,
      ConsumedUnit: null,
      ContractedCost: r.true_up_usd,
      EffectiveCost: r.true_up_usd,
      InvoiceId: [...input.invoiceIds.values()].join(" ") || null,
      InvoiceIssuerName: [...input.invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      ListCost: r.true_up_usd,
      PricingCategory: null,
      PricingQuantity: null,
      PricingUnit: null,
      ProviderName: [...input.invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      PublisherName: [...input.invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      ResourceId: null,
      ResourceName: null,
      ResourceType: null,
      ServiceCategory: "AI and Machine Learning",
      ServiceName: "Invoice true-up",
      ServiceSubcategory: "Generative AI",
      SkuId: null,
      SkuPriceDetails: null,
      SkuPriceId: null,
      ServiceProviderName: [...input.invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      HostProviderName: NOT_APPLICABLE,
      AllocatedMethodId: null,
      AllocatedResourceId: null,
      AllocatedResourceName: null,
      x_Team: r.team,
      ...empty,
    });
  }

  // what the rows cannot reach of a frozen chargeback (see roundPerTeam): one Adjustment row per
  // team and kind, so the file sums to the chargeback per team and in total, and says why
  const owner = ascii(input.organizationName) || "Internal";
  const residuals: [Map<string, Pico>, string][] = [
    [direct.residual, "usage received, restated or deleted after the month was closed"],
    [alloc.residual, "shared-cost lines of a month closed before they were rounded per team"],
  ];
  for (const [residual, why] of residuals)
    for (const [team, amount] of [...residual].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const billed = formatUsd6(amount);
      rows.push({
        ...common,
        BilledCost: billed,
        ChargeCategory: "Adjustment",
        ChargeDescription: ascii(`Closed-month chargeback reconciliation for ${team}: ${why}`),
        ChargeFrequency: "One-Time",
        ChargePeriodStart: iso(input.from),
        ChargePeriodEnd: iso(input.to),
        ConsumedQuantity: null,
        ConsumedUnit: null,
        ContractedCost: billed,
        EffectiveCost: billed,
        InvoiceId: null,
        InvoiceIssuerName: owner,
        ListCost: billed,
        PricingCategory: null,
        PricingQuantity: null,
        PricingUnit: null,
        ProviderName: owner,
        PublisherName: owner,
        ResourceId: null,
        ResourceName: null,
        ResourceType: null,
        ServiceCategory: "AI and Machine Learning",
        ServiceName: "Chargeback reconciliation",
        ServiceSubcategory: "Generative AI",
        SkuId: null,
        SkuPriceDetails: null,
        SkuPriceId: null,
        ServiceProviderName: owner,
        HostProviderName: NOT_APPLICABLE,
        AllocatedMethodId: null,
        AllocatedResourceId: null,
        AllocatedResourceName: null,
        x_Team: team,
        ...empty,
      });
    }
  return rows;
}
