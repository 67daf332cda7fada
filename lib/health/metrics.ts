import "server-only";
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import client from "prom-client";
import { requestStarted } from "./shutdown";
import { runtimeSlot } from "../runtime";

/**
 * Prometheus metrics of this process (GET /metrics, app/metrics/route.ts). One registry per
 * process (on globalThis: Next's dev reload must not register twice). Request figures are
 * observed by apiRoute; gauges that need the database (job queues, pools, snapshot age) are
 * read when /metrics is scraped.
 */
type Metrics = {
  registry: client.Registry;
  requests: client.Histogram<"method" | "route" | "status">;
  ingestedEvents: client.Counter<"outcome">;
  ingestErrors: client.Counter<"status">;
  jobsWaiting: client.Gauge<"queue">;
  jobsRunning: client.Gauge<"queue">;
  jobsFailed: client.Gauge<"queue">;
  jobsOldestWaiting: client.Gauge<"queue">;
  jobsLastCompleted: client.Gauge<"queue">;
  snapshotAge: client.Gauge<"stat">;
  poolConnections: client.Gauge<"pool" | "state">;
  draining: client.Gauge;
  inflight: client.Gauge;
};

const metricsSlot = runtimeSlot<Metrics>("Metrics");
const metricsServerSlot = runtimeSlot<http.Server>("MetricsServer");

export function metrics(): Metrics {
  if (metricsSlot.value) return metricsSlot.value;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "spendline_process_" });
  const m: Metrics = {
    registry,
    requests: new client.Histogram({
      name: "spendline_http_request_duration_seconds",
      help: "API request latency by route (the contract's path template) and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestedEvents: new client.Counter({
      name: "spendline_ingest_events_total",
      help: "Events received on POST /api/v1/events by outcome (accepted, duplicate, rejected)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    ingestErrors: new client.Counter({
      name: "spendline_ingest_errors_total",
      help: "POST /api/v1/events answers other than 2xx, by status (503: database unavailable, retried by SDKs)",
      labelNames: ["status"],
      registers: [registry],
    }),
    jobsWaiting: gauge(registry, "spendline_jobs_waiting", "Jobs waiting to run (created or retry), per queue"),
    jobsRunning: gauge(registry, "spendline_jobs_running", "Jobs running now (holding a lease), per queue"),
    jobsFailed: gauge(registry, "spendline_jobs_failed", "Jobs that failed after their last retry (kept 30 days), per queue"),
    jobsOldestWaiting: gauge(registry, "spendline_jobs_oldest_waiting_seconds", "Age of the oldest waiting job, per queue (0 when none)"),
    jobsLastCompleted: gauge(
      registry,
      "spendline_jobs_last_completed_timestamp_seconds",
      "When a job of the queue last completed (0: never)",
    ),
    snapshotAge: new client.Gauge({
      name: "spendline_guardrail_snapshot_age_seconds",
      help: "Age of the guardrail snapshots this process holds (max and min over organisations)",
      labelNames: ["stat"],
      registers: [registry],
    }),
    poolConnections: new client.Gauge({
      name: "spendline_db_pool_connections",
      help: "Database pool connections by pool (primary, replica, jobs) and state (total, idle, waiting)",
      labelNames: ["pool", "state"],
      registers: [registry],
    }),
    draining: new client.Gauge({ name: "spendline_draining", help: "1 while the process drains for shutdown", registers: [registry] }),
    inflight: new client.Gauge({ name: "spendline_http_requests_in_flight", help: "API requests being answered", registers: [registry] }),
  };
  metricsSlot.value = m;
  return m;
}

function gauge(registry: client.Registry, name: string, help: string) {
  return new client.Gauge({ name, help, labelNames: ["queue"], registers: [registry] });
}

/** apiRoute: an API request starts; call the answer with its status when it has answered. */
export function observeRequest(method: string, route: string): (status: number) => void {
  const finished = requestStarted();
  const end = metrics().requests.startTimer({ method, route });
  return (status: number) => {
    finished();
    end({ status: String(status) });
    if (route === "/api/v1/events" && method === "POST" && status >= 300) metrics().ingestErrors.inc({ status: String(status) });
  };
}

export function countIngested(r: { accepted: number; duplicates: unknown[] | number; rejected: unknown[] | number }): void {
  const n = (v: unknown[] | number) => (Array.isArray(v) ? v.length : v);
  const c = metrics().ingestedEvents;
  c.inc({ outcome: "accepted" }, r.accepted);
  c.inc({ outcome: "duplicate" }, n(r.duplicates));
  c.inc({ outcome: "rejected" }, n(r.rejected));
}

/** Reads the scrape-time gauges (queues, pools, snapshots) and answers the exposition text. */
export async function scrape(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const { poolStats } = await import("../db/adapter");
  m.poolConnections.reset();
  for (const p of poolStats()) {
    m.poolConnections.set({ pool: p.pool, state: "total" }, p.total);
    m.poolConnections.set({ pool: p.pool, state: "idle" }, p.idle);
    m.poolConnections.set({ pool: p.pool, state: "waiting" }, p.waiting);
  }
  const { snapshotAges } = await import("../guardrails/check-guardrail");
  const ages = snapshotAges();
  m.snapshotAge.set({ stat: "max" }, ages.max);
  m.snapshotAge.set({ stat: "min" }, ages.min);
  const { isDraining, inflightRequests } = await import("./shutdown");
  m.draining.set(isDraining() ? 1 : 0);
  m.inflight.set(inflightRequests());
  try {
    const { queueOverview } = await import("../jobs/queue");
    for (const q of await queueOverview()) {
      const queue = q.name;
      m.jobsWaiting.set({ queue }, q.waiting);
      m.jobsRunning.set({ queue }, q.running);
      m.jobsFailed.set({ queue }, q.failed);
      m.jobsOldestWaiting.set({ queue }, q.oldestWaitingSeconds ?? 0);
      m.jobsLastCompleted.set({ queue }, q.lastCompletedAt ? q.lastCompletedAt.getTime() / 1000 : 0);
    }
  } catch (e) {
    // the database is down: the queue gauges keep their last values; the rest still answers
    console.error("metrics: job queues unreadable:", (e as Error).message);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

/** Pure: may this scrape read the metrics? With a token configured only a matching bearer; without, only loopback (the separate listener). */
export function metricsAllowed(opts: { token: string | undefined; authorization: string | null; loopbackListener: boolean }): boolean {
  if (opts.token) {
    const m = /^Bearer\s+(.+)$/i.exec(opts.authorization?.trim() ?? "");
    if (!m) return false;
    const a = Buffer.from(m[1].trim());
    const b = Buffer.from(opts.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  return opts.loopbackListener;
}

/**
 * The metrics listener on 127.0.0.1:SPENDLINE_METRICS_PORT (default 9464, 0 = off), started by
 * the server: reachable from the machine only, so Prometheus (or a node agent) on the same host
 * scrapes it without a token. Several instances on one host each need their own port; a port
 * already taken is reported once and the server goes on without it.
 */
export function startMetricsListener(port: number, token: string | undefined): void {
  if (port === 0 || metricsServerSlot.value) return;
  const server = http.createServer((req, res) => {
    if ((req.url ?? "").split("?")[0] !== "/metrics") return void res.writeHead(404).end("not found: GET /metrics\n");
    if (token && !metricsAllowed({ token, authorization: req.headers.authorization ?? null, loopbackListener: true })) {
      return void res.writeHead(401).end("send Authorization: Bearer <SPENDLINE_METRICS_TOKEN>\n");
    }
    scrape().then(
      (r) => res.writeHead(200, { "content-type": r.contentType }).end(r.body),
      (e: Error) => res.writeHead(500).end(`metrics failed: ${e.message}\n`),
    );
  });
  server.on("error", (e) => console.error(`metrics listener on 127.0.0.1:${port} not started: ${e.message}`));
  server.listen(port, "127.0.0.1");
  server.unref();
  metricsServerSlot.value = server;
}
