"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { queryKeys } from "@/lib/api/query-keys";
import type { MetricName, MetricResponse } from "@/lib/metrics/schemas";
import { metricQuery, queryUrl, type FirstPaintQuery } from "./first-paint";

/**
 * One read-API call per dashboard block; the key comes from the factory and includes the URL
 * filters. The answer's type comes from the metric's response schema (lib/metrics/schemas.ts
 * `metricResponses`), the same schema the route is checked against. The page's first paint
 * fills the same key on the server (dashboard-page.tsx), so the first render needs no fetch.
 */
export function useMetric<N extends MetricName>(name: N, params: Record<string, string | undefined>) {
  const q = metricQuery(name, params);
  return useQuery({
    queryKey: q.queryKey,
    queryFn: () => apiFetch<MetricResponse<N>>(queryUrl(q)),
    placeholderData: (prev) => prev,
  });
}

export function useResource<T>(name: string, url: string) {
  return useQuery({ queryKey: queryKeys.resource(name), queryFn: () => apiFetch<T>(url) });
}

/** A parameterless resource described by a FirstPaintQuery (the filter bar's lists). */
export function useFirstPaintResource<T>(q: FirstPaintQuery) {
  return useQuery({ queryKey: q.queryKey, queryFn: () => apiFetch<T>(queryUrl(q)) });
}
