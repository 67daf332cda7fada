/** A cost event as POST /api/v1/events takes it (the v1 contract). */
export type SpendlineEvent = {
  id: string;
  timestamp: string;
  feature: string;
  team?: string;
  environment?: "prod" | "staging" | "dev";
  tenant?: { id?: string; tier?: string };
  user_id?: string;
  session_id?: string;
  task_id?: string;
  provider?: string;
  model: string;
  modality?: string;
  prompt?: { template?: string; version?: string };
  usage: {
    input_tokens: number;
    output_tokens: number;
    cached_input_tokens?: number;
    cache_write_tokens?: number;
    reasoning_tokens?: number;
    /** server-side web searches the call ran (Anthropic usage.server_tool_use.web_search_requests) */
    web_search_calls?: number;
  };
  /** the provider's service tier that served the call (OpenAI `service_tier`, Anthropic `usage.service_tier`) */
  service_tier?: string;
  cost_usd?: string;
  latency_ms?: number;
  outcome?: "success" | "failure" | "abandoned" | "unknown";
  streamed?: boolean;
  aborted?: boolean;
  delivered_output_tokens?: number;
  /** false: the provider did not say how many tokens the call used; the counts are a floor */
  usage_reported?: boolean;
  metadata?: Record<string, unknown>;
};

/** Who a call is for. Merged: client defaults ← withAttribution() ← wrap attrs ← per-call options. */
export type Attribution = {
  feature?: string;
  team?: string;
  environment?: "prod" | "staging" | "dev";
  tenant?: { id: string; tier?: string };
  userId?: string;
  sessionId?: string;
  taskId?: string;
  prompt?: { template?: string; version?: string };
  metadata?: Record<string, unknown>;
};

export type TrackInput = Omit<SpendlineEvent, "id" | "timestamp" | "feature"> & {
  id?: string;
  timestamp?: string | Date;
  feature?: string;
};
