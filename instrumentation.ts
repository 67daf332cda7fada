/**
 * Next's server start hook: refuses to start a production server without NEXTAUTH_SECRET,
 * starts the durable job workers (lib/jobs: webhook deliveries, anomaly auto-clear, billing
 * connectors, storage maintenance, restatements — decision 035) and the graceful shutdown on
 * SIGTERM (lib/health/shutdown.ts; `npm start` sets NEXT_MANUAL_SIG_HANDLE so that Next leaves
 * the signal to it).
 * (Reactions to arriving events need no registration: ingestion runs lib/ingestion/after-ingest.ts.)
 * NEXT_RUNTIME is set by Next itself (not configuration), hence read here directly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeStart } = await import("./lib/startup-check");
    refuseUnsafeStart();
    const { installShutdown } = await import("./lib/health/shutdown");
    installShutdown();
    const { env } = await import("./lib/env");
    const { startMetricsListener } = await import("./lib/health/metrics");
    startMetricsListener(env().SPENDLINE_METRICS_PORT, env().SPENDLINE_METRICS_TOKEN);
    const { startJobWorkers } = await import("./lib/workers");
    // a database that is down at start must not stop the server: the workers start when it answers
    const start = (attempt: number): void =>
      void startJobWorkers().catch((e: Error) => {
        console.error(`jobs: could not start (${e.message}); retrying`);
        setTimeout(() => start(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt)).unref?.();
      });
    start(0);
  }
}
