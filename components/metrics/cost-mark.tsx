"use client";
import { useMetric } from "./use-metric";
import { costMark, costMarkLabel, COST_MARK_SHORT, type CostMark } from "@/lib/metrics/cost-mark";

/** Events and unpriced events per feature for the page's filters (GET /api/v1/metrics/unpriced). */
export function useUnpriced(params: Record<string, string | undefined>) {
  const q = useMetric("unpriced", params);
  return (feature: string): CostMark => (q.data ? costMark(q.data.features[feature]) : null);
}

/** A badge beside a cost that is not (fully) a cost: unpriced, partly unpriced, no usage reported. */
export function CostMarkBadge({ mark }: { mark: CostMark }) {
  if (!mark) return null;
  return (
    <span className="badge badge-warn" title={costMarkLabel(mark) ?? undefined} style={{ marginLeft: 4 }}>
      {COST_MARK_SHORT[mark]}
    </span>
  );
}
