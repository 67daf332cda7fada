/**
 * Next's server start hook: refuses to start a production server without NEXTAUTH_SECRET, and
 * starts the webhook-retry / anomaly auto-clear loop, the daily billing connectors and the
 * storage maintenance (monthly event partitions ahead of time, raw-event retention).
 * (Reactions to arriving events need no registration: ingestion runs lib/ingestion/after-ingest.ts.)
 * NEXT_RUNTIME is set by Next itself (not configuration), hence read here directly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeStart } = await import("./lib/startup-check");
    refuseUnsafeStart();
    const { startBackgroundLoops } = await import("./lib/alerts/background-loops");
    startBackgroundLoops();
    // the daily billing connectors (lib/billing): checked hourly, each account pulled once a day
    const { startBillingConnectorLoop } = await import("./lib/billing/sync-connector");
    startBillingConnectorLoop();
    const { startStorageMaintenance } = await import("./lib/storage/start");
    startStorageMaintenance();
  }
}
