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
    }
  >;
  default_estimate_usd: string;
  hard_budgets: { id: string; scope: string; scope_ref: string; limit_usd: string; fallback_model: string | null }[];
  trapped_tenants: string[];
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
