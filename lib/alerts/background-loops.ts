import "server-only";
import { deliverDueWebhooks } from "./deliver-webhooks";
import { sweepAnomalyAutoClear } from "../anomaly/evaluate-anomaly";

/**
 * Periodic work of the server process (started by instrumentation.ts; never by the CLI or
 * tests): webhook retries and anomaly auto-clear. Reactions to arriving events are not here:
 * they are the explicit list in lib/ingestion/after-ingest.ts.
 */
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
