import "server-only";
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { directDatabaseUrl } from "../env";
import { embeddedPglite } from "../db/adapter";
import { beforeDisconnect } from "../db";
import { JOBS, jobDefinition, SCHEDULE_SINGLETON_SECONDS, type JobName } from "./definitions";
import { pgliteDb } from "./pglite-db";
import { runtimeSlot } from "../runtime";

/**
 * The durable job queue (pg-boss, decision 035), one per process. On PostgreSQL it has its own
 * small pool (4 connections) on the direct connection (DATABASE_DIRECT_URL, else DATABASE_URL):
 * pg-boss itself uses no LISTEN, no session advisory locks and no named prepared statements, but
 * its schema migration and its fetch (SKIP LOCKED) are not worth routing through a
 * transaction-pooling PgBouncer for four connections; on the embedded database
 * it runs on the process's PGlite (lib/jobs/pglite-db.ts). Same tables, same definitions.
 */
export const QUEUE_SCHEMA = "pgboss";
/** every send of a stately queue carries this key: one waiting + one running job per queue */
export const ONE = "one";

type State = { boss: PgBoss; ready: Promise<PgBoss>; working: boolean };
const jobsSlot = runtimeSlot<State>("Jobs");
// the queue talks to the same database: stop it before lib/db closes its clients
beforeDisconnect("jobs", async () => {
  if (jobsSlot.value) await stopJobWorkers(2_000);
});

/** A queue client with Spendline's settings (not started). Exported for the integration tests' second "instance". */
export function createBoss(): PgBoss {
  const url = directDatabaseUrl();
  const options: PgBoss.ConstructorOptions = {
    schema: QUEUE_SCHEMA,
    application_name: "spendline-jobs",
    // leases run out and crashed jobs are retried by the maintenance pass (any instance)
    maintenanceIntervalSeconds: 30,
    cronMonitorIntervalSeconds: 15,
    cronWorkerIntervalSeconds: 5,
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 30,
  };
  return url ? new PgBoss({ ...options, connectionString: url, max: 4 }) : new PgBoss({ ...options, db: pgliteDb(embeddedPglite()) });
}

/** The started queue: schema migrated (pg-boss takes an advisory lock for that), queues and schedules declared. */
export function jobQueue(): Promise<PgBoss> {
  if (jobsSlot.value) return jobsSlot.value.ready;
  const boss = createBoss();
  boss.on("error", (e: Error) => console.error("jobs:", e.message));
  const ready = (async () => {
    await boss.start();
    await declareQueues(boss);
    return boss;
  })();
  jobsSlot.value = { boss, ready, working: false };
  ready.catch(() => {
    if (jobsSlot.value?.boss === boss) jobsSlot.value = undefined;
  });
  return ready;
}

/**
 * Creates (or updates) every queue of lib/jobs/definitions.ts and its schedule. Instances
 * starting together race on the first creation (a partition table per queue) and PostgreSQL
 * may pick one as a deadlock victim: it was rolled back, so it simply declares again.
 */
export async function declareQueues(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await declareOnce(boss);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 6 || (code !== "40P01" && code !== "23505")) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 200));
    }
  }
}

async function declareOnce(boss: PgBoss): Promise<void> {
  for (const d of JOBS) {
    const options = {
      name: d.name,
      policy: d.policy,
      retryLimit: d.retryLimit,
      retryDelay: d.retryDelaySeconds,
      expireInSeconds: d.expireInSeconds,
    };
    await boss.createQueue(d.name, options); // no-op when it exists…
    await boss.updateQueue(d.name, options); // …so a changed definition is applied here
    if (d.cron) {
      await boss.schedule(d.name, d.cron, {}, { tz: "UTC", singletonKey: ONE, singletonSeconds: SCHEDULE_SINGLETON_SECONDS });
    }
  }
}

/** What a job does: a thin call into the domain module that owns the work (lib/workers/handlers.ts). */
export type JobHandler = (data: Record<string, unknown>) => Promise<unknown>;
/** One handler per job definition: the compiler refuses a table that leaves a job out. */
export type JobHandlers = { readonly [N in JobName]: JobHandler };

/**
 * Work every queue with the given handlers (the server: lib/workers, from instrumentation.ts).
 * A job is fetched with FOR UPDATE SKIP LOCKED, so across instances each runs in exactly one of
 * them. The queue knows no domain: the handler table is handed in, so lib/jobs sits below every
 * module that sends a job.
 */
export async function workJobQueues(
  handlers: JobHandlers,
  opts: { pollingIntervalSeconds?: number; only?: JobName[] } = {},
): Promise<void> {
  const boss = await jobQueue();
  const state = jobsSlot.value!;
  if (state.working) return;
  state.working = true;
  const worked = JOBS.filter((d) => !opts.only || opts.only.includes(d.name));
  for (const d of worked) {
    await boss.work(d.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
      return await handlers[d.name as JobName](job.data as Record<string, unknown>);
    });
  }
  for (const d of worked) if (d.atStart) await enqueue(d.name as JobName, d.name === "storage-maintenance" ? { retention: false } : {});
}

/** The queue job id for a key (e.g. a BackgroundJob row id): the same key is one job, however often it is sent. */
export function jobIdFor(name: string, key: string): string {
  const h = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Sends a job. With a key (standard queues), the job id derives from it: sending it again is a
 * no-op (answers null). Stately queues collapse into the one already waiting (null too).
 */
export async function enqueue(name: JobName, data: Record<string, unknown>, opts: { key?: string } = {}): Promise<string | null> {
  const d = jobDefinition(name);
  if (!d) throw new Error(`unknown job ${name}`);
  const boss = await jobQueue();
  if (d.policy !== "standard") return await boss.send(name, data, { singletonKey: ONE });
  return await boss.send(name, data, opts.key ? { id: jobIdFor(name, opts.key) } : {});
}

/** Sends a job only when this process works the queues (the server); elsewhere (CLI, tests) the next scheduled run does it. */
export async function enqueueIfWorking(name: JobName, data: Record<string, unknown> = {}): Promise<string | null> {
  if (!jobsSlot.value?.working) return null;
  return await enqueue(name, data);
}

/** Shutdown: stop fetching, give running jobs up to timeoutMs, close the pool. Unfinished jobs are retried elsewhere when their lease ends. */
export async function stopJobWorkers(timeoutMs = 10_000): Promise<void> {
  const s = jobsSlot.value;
  jobsSlot.value = undefined;
  if (!s) return;
  const boss = await s.ready.catch(() => null);
  if (!boss) return;
  await boss.stop({ graceful: true, wait: true, timeout: timeoutMs }).catch((e: Error) => console.error("jobs stop:", e.message));
}

export type QueueRow = {
  name: string;
  title: string;
  cron: string | null;
  every: string;
  waiting: number;
  running: number;
  failed: number;
  oldestWaitingSeconds: number | null;
  lastCompletedAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
};

/** For the Jobs view and /metrics: per queue, what waits, what runs, when it last ran. */
export async function queueOverview(): Promise<QueueRow[]> {
  const boss = await jobQueue();
  // pg-boss's own connection (its pool, or the PGlite adapter): getDb() is public but not in its types
  const db = (
    boss as unknown as { getDb(): { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> } }
  ).getDb();
  const { rows } = await db.executeSql(
    `WITH j AS (
       SELECT name, state, created_on, completed_on, output FROM ${QUEUE_SCHEMA}.job
       UNION ALL SELECT name, state, created_on, completed_on, output FROM ${QUEUE_SCHEMA}.archive)
     SELECT name,
       count(*) FILTER (WHERE state IN ('created','retry'))::int AS waiting,
       count(*) FILTER (WHERE state = 'active')::int AS running,
       count(*) FILTER (WHERE state = 'failed')::int AS failed,
       extract(epoch FROM now() - min(created_on) FILTER (WHERE state IN ('created','retry')))::float8 AS oldest,
       max(completed_on) FILTER (WHERE state = 'completed') AS last_completed,
       max(completed_on) FILTER (WHERE state = 'failed') AS last_failed,
       (array_agg(output->>'message' ORDER BY completed_on DESC) FILTER (WHERE state = 'failed'))[1] AS last_error
     FROM j WHERE name = ANY($1::text[]) GROUP BY name`,
    [JOBS.map((d) => d.name)],
  );
  const by = new Map(rows.map((r) => [r.name as string, r]));
  return JOBS.map((d) => {
    const r = by.get(d.name);
    const date = (v: unknown) => (v ? new Date(v as string) : null);
    return {
      name: d.name,
      title: d.title,
      cron: d.cron,
      every: d.every,
      waiting: Number(r?.waiting ?? 0),
      running: Number(r?.running ?? 0),
      failed: Number(r?.failed ?? 0),
      oldestWaitingSeconds: r?.oldest == null ? null : Number(r.oldest),
      lastCompletedAt: date(r?.last_completed),
      lastFailedAt: date(r?.last_failed),
      lastError: (r?.last_error as string | null) ?? null,
    };
  });
}
