/**
 * Every piece of state a Spendline process keeps in its memory across requests (decision 044):
 * caches that can be rebuilt from the database, handles to resources, buffers. Pure data: the
 * table in docs/process-state.md is generated from it (`npm run docs:process-state`) and
 * lib/runtime/runtime.test.ts fails when the two disagree, when a module named here does not
 * take its slot, or when code outside lib/runtime touches `globalThis.__spendline…`.
 *
 * A cache declares its bound: `max` (entries, enforced by `runtimeCache`'s Lru) or, when the
 * bound is structural, `bound` in words.
 */
export type SlotKind = "handle" | "cache" | "buffer" | "flag";

export type SlotInfo = {
  /** the module that creates and uses the slot */
  module: string;
  kind: SlotKind;
  /** what it holds */
  what: string;
  /** what happens when several server processes run (docs/scaling.md) */
  severalProcesses: string;
  /** caches and buffers: what keeps them bounded */
  bound?: string;
  /** caches held in a `runtimeCache` Lru: at most this many entries */
  max?: number;
};

export const RUNTIME_SLOTS = {
  Prisma: {
    module: "lib/db/index.ts",
    kind: "handle",
    what: "the Prisma client (connection pool)",
    severalProcesses: "one pool per process",
  },
  PrismaRead: {
    module: "lib/db/index.ts",
    kind: "handle",
    what: "the Prisma client on the read replica (`DATABASE_READ_URL`), when one is configured",
    severalProcesses: "one pool per process",
  },
  DisconnectHooks: {
    module: "lib/db/index.ts",
    kind: "handle",
    what: "what stops before the database clients close (the job queue, which holds its own connections)",
    severalProcesses: "per process",
    bound: "one entry per registering module",
  },
  CliCommands: {
    module: "lib/core/cli-commands.ts",
    kind: "handle",
    what: "the CLI commands registered by the modules that own them (demo seed, rollups, retention)",
    severalProcesses: "per process; the same table in every process that loads the CLI",
    bound: "one entry per command name",
  },
  Pglite: {
    module: "lib/db/adapter.ts",
    kind: "handle",
    what: "the embedded database (PGlite)",
    severalProcesses: "the embedded database allows one process (a pid lock file refuses a second); use PostgreSQL",
  },
  Factory: {
    module: "lib/db/adapter.ts",
    kind: "handle",
    what: "the driver adapter of the primary database (PostgreSQL pool or PGlite)",
    severalProcesses: "one per process",
  },
  ReadFactory: {
    module: "lib/db/adapter.ts",
    kind: "handle",
    what: "the driver adapter of the read replica",
    severalProcesses: "one per process",
  },
  Pools: {
    module: "lib/db/adapter.ts",
    kind: "handle",
    what: "the `pg` pools (primary, replica) for pool metrics and shutdown",
    severalProcesses: "one pool per process and database",
    bound: "two entries",
  },
  Guardrails: {
    module: "lib/guardrails/check-guardrail.ts",
    kind: "cache",
    what: "per-organisation snapshot (policies, hard budgets, fallbacks) and month-to-date spend ledgers answering `/api/v1/guardrails/check` without a query",
    severalProcesses:
      "each process sees the spend ingested through itself plus the snapshot it loaded; a change made in another process reaches it by PostgreSQL NOTIFY (`lib/guardrail-changes/pg-notify.ts`), and snapshots also expire",
    bound: "one snapshot and one ledger per organisation",
  },
  GuardrailListeners: {
    module: "lib/guardrail-changes/invalidate.ts",
    kind: "handle",
    what: "listeners told when policies, budgets or overrides change",
    severalProcesses:
      "a write tells this process's listeners at once and, on PostgreSQL, sends NOTIFY so every other process tells its own (embedded database: one process)",
    bound: "one per subscribing module",
  },
  Listen: {
    module: "lib/guardrail-changes/pg-notify.ts",
    kind: "handle",
    what: "the LISTEN connection that receives other processes' guardrail changes",
    severalProcesses: "one connection per process (PostgreSQL only)",
  },
  DecisionBuffer: {
    module: "lib/guardrails/log-decision.ts",
    kind: "buffer",
    what: "guardrail decisions waiting to be written in one insert",
    severalProcesses: "per process; lost if the process is killed before the flush (at most a second's worth)",
    bound: "flushed at 500 entries or after 500 ms",
  },
  Baselines: {
    module: "lib/anomaly/evaluate-anomaly.ts",
    kind: "cache",
    what: "anomaly baselines per (organisation, feature, hour)",
    severalProcesses: "recomputed per process",
    bound: "cleared when it passes 10 000 keys",
  },
  CatalogFacts: {
    module: "lib/opportunities/reprice.ts",
    kind: "cache",
    what: "context window and first long-context tier per catalog model (from the bundled price catalog)",
    severalProcesses: "per process; derived from the bundled catalog, so every process computes the same",
    max: 20_000,
  },
  CatalogRates: {
    module: "lib/pricing/catalog-rates.ts",
    kind: "cache",
    what: "bundled-catalog rates per (provider, model, UTC day), or that the catalog has no price (resolving one costs ~20 µs)",
    severalProcesses: "per process; derived from the bundled catalog, identical everywhere",
    max: 20_000,
  },
  CatalogModels: {
    module: "lib/pricing/catalog-rates.ts",
    kind: "cache",
    what: "every model of the bundled catalog with today's rates (price-book search, cheaper-model suggestions)",
    severalProcesses: "per process; derived from the bundled catalog, identical everywhere",
    bound: "one list, the size of the bundled catalog",
  },
  TextCatalog: {
    module: "lib/metrics/cheaper-models.ts",
    kind: "cache",
    what: "the current, priced text models of the bundled catalog (candidates for cheaper models)",
    severalProcesses: "per process; derived from the bundled catalog, identical everywhere",
    bound: "one list, the size of the bundled catalog",
  },
  Raised: {
    module: "lib/alerts/raise-alert.ts",
    kind: "cache",
    what: "dedupe keys of alerts already raised, to skip the insert",
    severalProcesses: "per process; the database's unique dedupe key still guarantees one alert",
    max: 10_000,
  },
  ApiKeys: {
    module: "lib/auth/api-keys.ts",
    kind: "cache",
    what: "verified and unknown API keys (10 s), last-used stamps, invalid-key failures per client address",
    severalProcesses:
      "per process: a revocation evicts at once in the process that made it, other processes within 10 s; a client backing off is counted per process",
    bound: "three LRUs of 10 000 entries each",
  },
  Partitions: {
    module: "lib/storage/partitions.ts",
    kind: "cache",
    what: "the monthly `CostEvent` partitions known to exist, per database",
    severalProcesses: "per process; creating a partition takes an advisory lock, so two processes never race",
    bound: "one entry per month of data per database",
  },
  Metrics: {
    module: "lib/health/metrics.ts",
    kind: "handle",
    what: "the Prometheus registry and its metrics",
    severalProcesses: "per process: scrape every instance",
  },
  MetricsServer: {
    module: "lib/health/metrics.ts",
    kind: "handle",
    what: "the HTTP server answering `/metrics` on `METRICS_PORT`",
    severalProcesses: "one per process",
  },
  Shutdown: {
    module: "lib/health/shutdown.ts",
    kind: "flag",
    what: "draining flag and in-flight API request count (SIGTERM)",
    severalProcesses: "per process; `/api/health/ready` answers 503 while draining",
  },
  Jobs: {
    module: "lib/jobs/queue.ts",
    kind: "handle",
    what: "the durable job queue (pg-boss) and, in the server, its workers: webhook deliveries, anomaly auto-clear, billing connectors, storage maintenance, restatements ([decision 035](decisions/035-durable-jobs-pg-boss.md))",
    severalProcesses:
      "every instance works the queues; each job is fetched by exactly one (`FOR UPDATE SKIP LOCKED`), scheduled jobs are sent once per slot, a crashed worker's job is retried when its lease ends",
  },
  PdfBrowser: {
    module: "lib/reports/render-pdf.ts",
    kind: "handle",
    what: "the headless Chromium that renders board reports, closed when idle",
    severalProcesses: "one browser per process",
  },
} as const satisfies Record<string, SlotInfo>;

export type SlotName = keyof typeof RUNTIME_SLOTS;
