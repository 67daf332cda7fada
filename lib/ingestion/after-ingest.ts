import "server-only";
import { addIngestedSpend } from "../guardrails/check-guardrail";
import { evaluateAnomalies } from "../anomaly/evaluate-anomaly";
import { evaluateBudgets } from "../budgets/evaluate-budgets";
import { completeArrivedBatches } from "../budgets/batch-jobs";
import type { IngestedSummary } from "../events/ingested-summary";

/**
 * What happens after a batch of events has committed: the explicit list of reactions, run in
 * this order by ingestEvents (API, OTLP, CSV upload, demo seed and CLI alike — nothing needs
 * to be imported for them to run). A failing reaction is logged and never fails the ingest:
 * the events are stored either way.
 */
export type AfterIngestReaction = { name: string; run: (summary: IngestedSummary) => Promise<void> | void };

export const AFTER_INGEST_REACTIONS: readonly AfterIngestReaction[] = [
  /** the guardrail API's in-memory month-to-date spend (answers /guardrails/check without a query) */
  { name: "guardrails.spend", run: (s) => addIngestedSpend(s.organizationId, s.events) },
  /** cost-per-minute anomaly → kill switch and alert */
  { name: "anomaly.detect", run: (s) => evaluateAnomalies(s) },
  /** batch jobs whose calls have all arrived close: their estimate is released (decision 056) */
  {
    name: "batches.trueup",
    run: async (s) => {
      await completeArrivedBatches(s.organizationId, [...new Set(s.events.map((e) => e.batchId).filter((b): b is string => !!b))]);
    },
  },
  /** budget thresholds and forecasts → alerts and webhooks */
  { name: "budgets.thresholds", run: (s) => evaluateBudgets(s) },
];

export async function runAfterIngest(
  summary: IngestedSummary,
  reactions: readonly AfterIngestReaction[] = AFTER_INGEST_REACTIONS,
): Promise<void> {
  if (summary.events.length === 0) return;
  for (const r of reactions) {
    try {
      await r.run(summary);
    } catch (e) {
      console.error(`after-ingest reaction "${r.name}" failed:`, e);
    }
  }
}
