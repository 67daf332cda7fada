/**
 * The demo organisation's cast: teams, features, tiers and the story a finance reviewer
 * should recognise in 90 days of data. Numbers here are inputs to the generator, not results.
 */
export const DEMO_ORG = { slug: "demo", name: "Northwind Cloud (demo)" };
export const DEMO_PASSWORD = "spendline-demo";

export const DEMO_USERS = [
  { email: "admin@demo.spendline.dev", name: "Ada Admin", role: "ADMIN", team: null },
  { email: "finance@demo.spendline.dev", name: "Fatima Finance", role: "FINANCE", team: null },
  { email: "lead@demo.spendline.dev", name: "Lee Lead", role: "ENGINEERING_LEAD", team: "support" },
  { email: "viewer@demo.spendline.dev", name: "Vic Viewer", role: "VIEWER", team: null },
] as const;

export const DEMO_TEAMS = ["support", "knowledge", "platform", "growth", "sales"] as const;

export type DemoFeature = {
  name: string;
  displayName: string;
  ownerTeam: string;
  unitOfValue: string;
  valuePerUnitUsd: string | null;
  valueMethod: string | null;
  designTokensPerRequest: number | null;
  designCallsPerRequest: number | null;
  reviewThresholdUsd?: string;
  fallbackModel: string | null;
  story: string;
};

export const DEMO_FEATURES: DemoFeature[] = [
  {
    name: "support_chatbot",
    displayName: "Support chatbot",
    ownerTeam: "support",
    unitOfValue: "conversation",
    valuePerUnitUsd: "0.90",
    valueMethod: "cost_displacement",
    designTokensPerRequest: 3000,
    designCallsPerRequest: 5,
    fallbackModel: "gpt-4o-mini-2024-07-18",
    story: "Heavy-tailed conversations; free users escalate to gpt-4o; since the v8 prompt (30 days) a third of the streams are aborted.",
  },
  {
    name: "doc_analysis",
    displayName: "Contract analysis",
    ownerTeam: "knowledge",
    unitOfValue: "document",
    valuePerUnitUsd: "4.00",
    valueMethod: "cost_displacement",
    designTokensPerRequest: 40000,
    designCallsPerRequest: 3,
    fallbackModel: "claude-3-5-haiku-20241022",
    story:
      "Long documents on claude-3.5-sonnet: mean cost per interaction above the $0.10 review threshold; a dropped three-week claude-3-opus trial.",
  },
  {
    name: "code_review_agent",
    displayName: "Code review agent",
    ownerTeam: "platform",
    unitOfValue: "task",
    valuePerUnitUsd: "2.50",
    valueMethod: "cost_displacement",
    designTokensPerRequest: 6000,
    designCallsPerRequest: 6,
    fallbackModel: "gpt-4o-mini-2024-07-18",
    story: "An agent that sometimes loops: 30-80 calls per review against a design of 6, more often lately.",
  },
  {
    name: "email_drafts",
    displayName: "Email drafts",
    ownerTeam: "growth",
    unitOfValue: "query",
    valuePerUnitUsd: "0.05",
    valueMethod: "retention",
    designTokensPerRequest: 2500,
    designCallsPerRequest: 1,
    fallbackModel: null,
    story: "Zombie: active users fell from ~40 to ~4 a day, but a nightly batch keeps spending tokens.",
  },
  {
    name: "search_answers",
    displayName: "Search answers",
    ownerTeam: "growth",
    unitOfValue: "query",
    valuePerUnitUsd: "0.02",
    valueMethod: "revenue_uplift",
    designTokensPerRequest: 4000,
    designCallsPerRequest: 1,
    fallbackModel: "gemini-1.5-flash-002",
    story: "High volume, cheap. Switched models 30 days ago and the prompt-cache hit share collapsed.",
  },
  {
    name: "meeting_summaries",
    displayName: "Meeting summaries",
    ownerTeam: "sales",
    unitOfValue: "report",
    valuePerUnitUsd: "1.50",
    valueMethod: "premium_price",
    designTokensPerRequest: 12000,
    designCallsPerRequest: 2,
    fallbackModel: "gpt-4o-mini-2024-07-18",
    story: "Reasoning model (o1-mini) for sales call summaries; healthy margin.",
  },
  {
    name: "internal_tools",
    displayName: "Internal tools",
    ownerTeam: "platform",
    unitOfValue: "query",
    valuePerUnitUsd: null,
    valueMethod: null,
    designTokensPerRequest: null,
    designCallsPerRequest: null,
    fallbackModel: null,
    story: "A self-hosted fine-tune with no price in the catalog: events arrive unpriced until an override is added.",
  },
];

export const DEMO_TIERS = [
  { name: "free", predictedLtvUsd: "2.00", monthlyPriceUsd: "0" },
  { name: "pro", predictedLtvUsd: "240.00", monthlyPriceUsd: "49.00" },
  { name: "enterprise", predictedLtvUsd: "24000.00", monthlyPriceUsd: "1500.00" },
] as const;
