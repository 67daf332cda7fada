import "server-only";
import { onEventsIngested } from "../ingestion/hooks";
import { evaluateBudgets } from "../budgets/evaluate-budgets";
import { addIngestedSpend } from "../guardrails/check-guardrail";
import { deliverDueWebhooks } from "../alerts/deliver-webhooks";
import { evaluateAnomalies, sweepAnomalyAutoClear } from "./evaluate-anomaly";

/**
 * Everything that reacts to arriving events, registered on the ingest hook registry:
 * guardrail spend (in memory), anomaly detection (kill switch), budget thresholds.
 * Imported by instrumentation.ts at server start; idempotent (hooks replace by name).
 */
export function registerGuardrailHooks(): void {
  onEventsIngested("guardrails.spend", (s) => addIngestedSpend(s.organizationId, s.events));
  onEventsIngested("anomaly.detect", (s) => evaluateAnomalies(s));
  onEventsIngested("budgets.thresholds", (s) => evaluateBudgets(s));
}

const g = globalThis as unknown as { __spendlineLoops?: NodeJS.Timeout[] };

/** Webhook retries and anomaly auto-clear, every 15 s, in the server process only. */
export function startBackgroundLoops(everyMs = 15_000): void {
  if (g.__spendlineLoops) return;
  const tick = async () => {
    try {
      await deliverDueWebhooks();
      await sweepAnomalyAutoClear();
    } catch (e) {
      console.error("background loop:", e);
    }
  };
  const t = setInterval(() => void tick(), everyMs);
  t.unref?.();
  g.__spendlineLoops = [t];
}

registerGuardrailHooks();
