import type { BillingSource } from "./parse-billing-file";

/**
 * One small example file per billing source, in the provider's documented format, for the
 * billing page's "Download template" (like the Events page's CSV template). Each covers one day
 * (2026-10-01): an import's period is its file's first to last day.
 */
const DAY = "2026-10-01";
const start = Date.parse(`${DAY}T00:00:00Z`) / 1000;
const end = start + 86_400;

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export const BILLING_TEMPLATES: Record<BillingSource, { filename: string; type: string; text: string }> = {
  openai_costs: {
    filename: "openai-costs-template.json",
    type: "application/json",
    text: json({
      object: "page",
      data: [
        {
          object: "bucket",
          start_time: start,
          end_time: end,
          results: [
            {
              object: "organization.costs.result",
              amount: { value: 1.25, currency: "usd" },
              line_item: "gpt-4o-2024-08-06, input",
              project_id: null,
            },
            {
              object: "organization.costs.result",
              amount: { value: 2.5, currency: "usd" },
              line_item: "gpt-4o-2024-08-06, output",
              project_id: null,
            },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    }),
  },
  openai_usage: {
    filename: "openai-usage-template.json",
    type: "application/json",
    text: json({
      object: "page",
      data: [
        {
          object: "bucket",
          start_time: start,
          end_time: end,
          results: [
            {
              object: "organization.usage.completions.result",
              input_tokens: 500000,
              output_tokens: 250000,
              input_cached_tokens: 0,
              input_audio_tokens: 0,
              output_audio_tokens: 0,
              num_model_requests: 400,
              project_id: null,
              user_id: null,
              api_key_id: null,
              model: "gpt-4o-2024-08-06",
              batch: false,
            },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    }),
  },
  anthropic_cost_report: {
    filename: "anthropic-cost-report-template.json",
    type: "application/json",
    text: json({
      data: [
        {
          starting_at: `${DAY}T00:00:00Z`,
          ending_at: "2026-10-02T00:00:00Z",
          results: [
            {
              currency: "USD",
              amount: "150.5",
              workspace_id: null,
              description: "Claude Sonnet 4 Usage - Input Tokens",
              cost_type: "tokens",
              context_window: "0-200k",
              model: "claude-sonnet-4-20250514",
              service_tier: "standard",
              token_type: "uncached_input_tokens",
            },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    }),
  },
  anthropic_usage: {
    filename: "anthropic-usage-template.json",
    type: "application/json",
    text: json({
      data: [
        {
          starting_at: `${DAY}T00:00:00Z`,
          ending_at: "2026-10-02T00:00:00Z",
          results: [
            {
              uncached_input_tokens: 1000,
              cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
              cache_read_input_tokens: 0,
              output_tokens: 300,
              server_tool_use: { web_search_requests: 0 },
              api_key_id: null,
              workspace_id: null,
              model: "claude-sonnet-4-20250514",
              service_tier: "standard",
              context_window: "0-200k",
            },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    }),
  },
  focus: {
    filename: "focus-template.csv",
    type: "text/csv",
    text:
      "BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,BilledCost,EffectiveCost,ListCost,ContractedCost,ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,ProviderName,PublisherName,InvoiceIssuerName,ServiceCategory,ServiceName,SkuMeter,x_Model\n" +
      "123456789012,acme-payer,USD,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,,Claude 3 Haiku input tokens,0.25,0.25,0.25,0.25,1000000,Tokens,1000,1K Tokens,AWS,Anthropic,AWS,AI and Machine Learning,Amazon Bedrock,Input tokens,anthropic.claude-3-haiku\n",
  },
};
