/**
 * Next's server start hook: registers the ingest hooks (anomaly detection, budget
 * thresholds, guardrail spend) and starts the webhook-retry / anomaly auto-clear loop and the
 * storage maintenance (monthly event partitions ahead of time, raw-event retention).
 * NEXT_RUNTIME is set by Next itself (not configuration), hence read here directly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerGuardrailHooks, startBackgroundLoops } = await import("./lib/anomaly/register");
    registerGuardrailHooks();
    startBackgroundLoops();
    const { startStorageMaintenance } = await import("./lib/storage/start");
    startStorageMaintenance();
  }
}
