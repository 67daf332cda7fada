"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { queryKeys } from "@/lib/api/query-keys";
import type { MetricName, MetricResponse } from "@/lib/metrics/schemas";

/**
 * One read-API call per dashboard block; the key comes from the factory and includes the URL
 * filters. The answer's type comes from the metric's response schema (lib/metrics/schemas.ts
 * `metricResponses`), the same schema the route is checked against.
 */
export function useMetric<N extends MetricName>(name: N, params: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>;
  return useQuery({
    queryKey: queryKeys.metrics(name, clean),
    queryFn: () => apiFetch<MetricResponse<N>>(`/api/v1/metrics/${name}?${new URLSearchParams(clean)}`),
    placeholderData: (prev) => prev,
  });
}

export function useResource<T>(name: string, url: string) {
  return useQuery({ queryKey: queryKeys.resource(name), queryFn: () => apiFetch<T>(url) });
}
