/**
 * Next's server start hook: registers the ingest hooks (anomaly detection, budget
 * thresholds, guardrail spend) and starts the webhook-retry / anomaly auto-clear loop.
 * NEXT_RUNTIME is set by Next itself (not configuration), hence read here directly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerGuardrailHooks, startBackgroundLoops } = await import("./lib/anomaly/register");
    registerGuardrailHooks();
    startBackgroundLoops();
    // the daily billing connectors (lib/billing): checked hourly, each account pulled once a day
    const { startBillingConnectorLoop } = await import("./lib/billing/sync-connector");
    startBillingConnectorLoop();
  }
}
