import { queryKeys } from "@/lib/api/query-keys";
import type { MetricName } from "@/lib/metrics/schemas";

/**
 * One TanStack query a dashboard issues, described once for both sides: the client's hooks
 * (useMetric, useResource) key and fetch with it, and the page renders its first paint on the
 * server by answering the same path under the same key (components/metrics/dashboard-page.tsx).
 */
export type FirstPaintQuery = { queryKey: readonly unknown[]; path: string; params: Record<string, string> };

/** The query of GET /api/v1/metrics/<name>; empty filter values are not sent (nor part of the key). */
export function metricQuery(name: MetricName, params: Record<string, string | undefined>): FirstPaintQuery {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>;
  return { queryKey: queryKeys.metrics(name, clean), path: `/api/v1/metrics/${name}`, params: clean };
}

/** A resource without parameters (a list the filter bar offers). */
export function resourceQuery(name: string, path: string): FirstPaintQuery {
  return { queryKey: queryKeys.resource(name), path, params: {} };
}

/** The lists the filter bar offers (components/filters/filter-bar.tsx). */
export const FILTER_BAR_QUERIES = {
  features: resourceQuery("settings-features", "/api/v1/settings/features"),
  tiers: resourceQuery("settings-tiers", "/api/v1/settings/tiers"),
  dimensions: resourceQuery("dimensions", "/api/v1/metrics/dimensions"),
};

/** The URL a query fetches from the browser. */
export function queryUrl(q: FirstPaintQuery): string {
  const qs = new URLSearchParams(q.params).toString();
  return qs ? `${q.path}?${qs}` : q.path;
}
