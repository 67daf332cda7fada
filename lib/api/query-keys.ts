/** One factory for TanStack Query keys: hooks and invalidations use these, never literals. */
export const queryKeys = {
  all: ["spendline"] as const,
  metrics: (name: string, params: Record<string, string | undefined>) => ["spendline", "metrics", name, params] as const,
  events: (params: Record<string, string | undefined>) => ["spendline", "events", params] as const,
  resource: (name: string, params: Record<string, string | undefined> = {}) => ["spendline", name, params] as const,
};
