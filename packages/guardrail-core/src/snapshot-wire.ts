/** GET /api/v1/guardrails/snapshot, as sent by the server (see lib/guardrails/policy-snapshot.ts). */
export type SnapshotWire = {
  version: string;
  features: Record<
    string,
    {
      fallback_action: string;
      fallback_model: string | null;
      kill_switch: boolean;
      kill_switch_reason: string | null;
      anomaly_active: boolean;
      freemium_throttle: boolean;
      team: string | null;
      estimate_usd: string | null;
      /** mean tokens per event × 10^12 (token budgets); absent from older servers */
      estimate_tokens?: string | null;
    }
  >;
  default_estimate_usd: string;
  /** tokens per call × 10^12 when no feature mean is known (sent when a token budget exists) */
  default_estimate_tokens?: string;
  /** limit_usd: the limit in the budget's unit (USD, or a token / request count); unit and window absent from older servers ("usd", "month") */
  hard_budgets: {
    id: string;
    scope: string;
    scope_ref: string;
    limit_usd: string;
    fallback_model: string | null;
    unit?: "usd" | "tokens" | "requests";
    window?: "month" | "24h" | "7d" | "30d";
  }[];
  trapped_tenants: string[];
  /** the id of the API key that fetched the snapshot (budgets scoped to it apply to its calls); absent from older servers */
  api_key_id?: string | null;
  /** quotas that do not last the month at the month-to-date pace (absent from older servers) */
  quotas?: {
    provider: string;
    model: string;
    action: "allow" | "downgrade" | "block";
    projected_exhaustion: string | null;
    reason: string;
    models: string[];
  }[];
  /** approved guardrail_downgrade policy drafts */
  model_routes?: { feature: string; from_model: string; to_model: string; draft_id: string }[];
};
