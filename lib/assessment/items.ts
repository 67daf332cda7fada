/**
 * The readiness checklist (docs/metrics.md "Readiness assessment"): thirteen yes/no items in four
 * groups. The ids are stable: they are the API's and the database's keys. Wording and next
 * steps follow published FinOps-for-AI practice (the crawl/walk/run maturity model). Pure data, no imports.
 */
export const GROUPS = [
  { id: "visibility", label: "Visibility", note: "Prerequisite: assess first. Nothing downstream is meaningful without it." },
  { id: "unit", label: "Unit economics", note: "Translate cost into business metrics." },
  { id: "optimize", label: "Optimisation", note: "Model selection, prompt design and caching." },
  { id: "govern", label: "Governance", note: "Budgets, estimates and hygiene before the bill arrives." },
] as const;

export type GroupId = (typeof GROUPS)[number]["id"];

export const ITEM_IDS = [
  "visibility.per_feature_tokens",
  "visibility.request_metadata",
  "visibility.minutes_fresh",
  "unit.cost_per_unit",
  "unit.weekly_trend",
  "unit.value_metric",
  "optimize.model_selection",
  "optimize.max_tokens",
  "optimize.caching",
  "govern.cogs_estimate",
  "govern.feature_budgets",
  "govern.zombie_process",
  "govern.shadow_ai_audit",
] as const;

export type ItemId = (typeof ITEM_IDS)[number];

export type Item = {
  id: ItemId;
  group: GroupId;
  question: string;
  why: string;
  /** what to do when the answer is "no" */
  nextStep: string;
};

export const ITEMS: readonly Item[] = [
  {
    id: "visibility.per_feature_tokens",
    group: "visibility",
    question: "Token counts are captured per feature, not just per account or model.",
    why: "Without per-feature attribution every later number is guesswork.",
    nextStep:
      "Send a `feature` (the business capability, not the endpoint) with every model call; a gateway or SDK middleware can attach it.",
  },
  {
    id: "visibility.request_metadata",
    group: "visibility",
    question: "Request-level cost attribution with application metadata at invocation time.",
    why: "User/session, model version, prompt version and environment turn a bill into decisions.",
    nextStep:
      "Attach user or session id, exact model version, prompt template version and environment at the moment of invocation (about 2 hours of work).",
  },
  {
    id: "visibility.minutes_fresh",
    group: "visibility",
    question: "Cost data is available within minutes, not 24–48 hours.",
    why: "A misconfigured agent can spend thousands within hours; billing exports lag a day or two.",
    nextStep: "Capture token counts as responses return and send them to Spendline right away instead of importing billing exports.",
  },
  {
    id: "unit.cost_per_unit",
    group: "unit",
    question: "Cost per unit is defined and tracked (conversation / task / document).",
    why: "Finance and product reason in units of value, not tokens.",
    nextStep: "Pick each feature's unit of value under Settings → Features and review its three-layer cost (inference, harness, total).",
  },
  {
    id: "unit.weekly_trend",
    group: "unit",
    question: "Unit cost trend is tracked weekly.",
    why: "AI cost patterns shift faster than a monthly cycle can capture.",
    nextStep:
      "Review the weekly unit-cost trend on the Unit economics page in a standing weekly slot; flag features with no improvement after 8–12 weeks.",
  },
  {
    id: "unit.value_metric",
    group: "unit",
    question: "A value metric is defined and measured alongside the cost metric.",
    why: "Cost alone cannot say whether a feature is worth running.",
    nextStep: "Set a value per unit and its method (cost displacement, revenue uplift, retention, premium price) for the main features.",
  },
  {
    id: "optimize.model_selection",
    group: "optimize",
    question: "Model selection is reviewed per use case (not defaulting to the largest model).",
    why: "Model choice is the highest-impact lever: small models can be 12–60× cheaper.",
    nextStep:
      "Review each feature's model; route simple queries to small models (tiered routing) and keep large models for the work that needs them.",
  },
  {
    id: "optimize.max_tokens",
    group: "optimize",
    question: "Maximum token limits are set on all model calls.",
    why: "`max_tokens` is the single most important cost guardrail; unbounded responses overrun.",
    nextStep: "Make `max_tokens` mandatory in your model client wrapper and review the limits per feature.",
  },
  {
    id: "optimize.caching",
    group: "optimize",
    question: "System prompts and repeated context are cached where the provider supports it.",
    why: "System prompts are billed on every request; cached reads cost a fraction.",
    nextStep:
      "Enable prompt caching for system prompts and static context (Anthropic, OpenAI and others support it) and watch the cached-token share.",
  },
  {
    id: "govern.cogs_estimate",
    group: "govern",
    question: "AI COGS are estimated before feature deployment.",
    why: "A feature estimated at $1,600/month can cost $8,800 without any infrastructure change.",
    nextStep:
      "Require a cost estimate (tokens per request, calls per request, fixed costs) in the launch checklist and record it on the feature.",
  },
  {
    id: "govern.feature_budgets",
    group: "govern",
    question: "Budget alerts are configured at feature level.",
    why: "Account-level limits fire too late and point at no one.",
    nextStep:
      "Set monthly budgets with alert thresholds per feature under Budgets & alerts; use hard limits with a fallback model for risky features.",
  },
  {
    id: "govern.zombie_process",
    group: "govern",
    question: "A process exists to detect and decommission zombie features.",
    why: "Features keep spending after adoption collapses (tokens stable while users fall).",
    nextStep: "Review the zombie-feature detector monthly and give each flagged feature an owner and a retire-or-keep decision.",
  },
  {
    id: "govern.shadow_ai_audit",
    group: "govern",
    question: "A shadow-AI audit was conducted in the last 12 months.",
    why: "Most employee AI usage does not appear in corporate billing; it breaks attribution and forecasts.",
    nextStep: "Audit marketplace subscriptions and expense reports for AI vendors, and survey teams on the tools they use.",
  },
];

export const ITEM_BY_ID: Record<ItemId, Item> = Object.fromEntries(ITEMS.map((i) => [i.id, i])) as Record<ItemId, Item>;

export function isItemId(id: string): id is ItemId {
  return (ITEM_IDS as readonly string[]).includes(id);
}
