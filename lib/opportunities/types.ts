/** Shapes shared by the opportunity estimates, the drafts, the page and the MCP tools. */
export const OPPORTUNITY_KINDS = [
  "model_switch",
  "prompt_caching",
  "output_cap",
  "batch",
  "zombie",
  "agentic_loop",
  "freemium_throttle",
  // coding-agent seats nobody used (lib/coding-agents)
  "unused_seats",
] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export const DRAFT_TYPES = ["guardrail_downgrade", "budget", "throttle", "change_request"] as const;
export type DraftType = (typeof DRAFT_TYPES)[number];

/** What approving the draft does (type-specific). */
export type Proposal =
  | { type: "guardrail_downgrade"; feature: string; from_model: string; to_model: string }
  | { type: "budget"; scope: "feature"; scope_ref: string; monthly_limit_usd: string; mode: "soft" | "hard"; thresholds: number[] }
  | { type: "throttle"; feature: string; fallback_model: string }
  | { type: "change_request"; feature: string; change: string };

export type Opportunity = {
  /** stable for the same change: kind:feature[:model] */
  id: string;
  kind: OpportunityKind;
  feature: string;
  owner_team: string | null;
  title: string;
  monthly_saving_usd: string;
  /** the feature's (or the group's) cost over the 30-day window */
  current_monthly_cost_usd: string;
  /** how the figure was computed, in sentences */
  basis: string[];
  evidence: Record<string, unknown>;
  proposal: Proposal;
};
