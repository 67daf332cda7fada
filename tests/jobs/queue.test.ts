import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type PgBoss from "pg-boss";
import { useTestDatabase } from "../helpers/db";
import { createBoss, declareQueues, jobIdFor, ONE, QUEUE_SCHEMA } from "@/lib/jobs/queue";
import { db } from "@/lib/db";
import { sqlIdent } from "@/lib/db/ident";
import { SCHEDULE_SINGLETON_SECONDS } from "@/lib/jobs/definitions";
import { isEmbeddedDatabase } from "@/lib/env";

/**
 * Two queue clients with Spendline's settings on the same database stand for two instances
 * (on PostgreSQL — DATABASE_URL — two pools; on PGlite two clients of one process's database).
 * They must never run one job twice, and a job whose worker died must run again.
 */
useTestDatabase();

let a: PgBoss;
let b: PgBoss;

beforeAll(async () => {
  a = createBoss();
  b = createBoss();
  for (const q of [a, b]) q.on("error", () => undefined);
  await a.start();
  await b.start(); // both migrate/check the queue schema concurrently in a cluster; here in turn
  await Promise.all([declareQueues(a), declareQueues(b)]);
});

afterAll(async () => {
  await a?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
  await b?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean> | boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(100);
  }
}

describe("durable jobs across instances", () => {
  test("two workers never run one job twice; every job runs", async () => {
    const runs: { id: string; by: string }[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add((await a.send("restatement", { jobId: `t-${i}` }))!);
    const handler =
      (by: string) =>
      async ([job]: PgBoss.Job[]) => {
        runs.push({ id: job.id, by });
        await sleep(20);
      };
    await a.work("restatement", { pollingIntervalSeconds: 0.5, batchSize: 1 }, handler("a"));
    await b.work("restatement", { pollingIntervalSeconds: 0.5, batchSize: 1 }, handler("b"));
    await until(() => runs.length >= 12);
    await sleep(1500); // a second fetch of an already-run job would show up here
    await a.offWork("restatement");
    await b.offWork("restatement");
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map((r) => r.id))).toEqual(ids);
    if (!isEmbeddedDatabase()) expect(new Set(runs.map((r) => r.by)).size).toBe(2); // both took work
    for (const id of ids) expect((await a.getJobById("restatement", id))?.state).toBe("completed");
  });

  test("a restatement sent twice for one row is one job (its id derives from the row)", async () => {
    const id = jobIdFor("restatement", "dup");
    const first = await a.send("restatement", { jobId: "dup" }, { id });
    const again = await b.send("restatement", { jobId: "dup" }, { id });
    expect(first).toBeTruthy();
    expect(again).toBeNull();
    await a.deleteJob("restatement", first!);
  });

  test("a scheduled slot is sent once whichever instance sends it; a stately queue holds one waiting job", async () => {
    const slot = { singletonKey: ONE, singletonSeconds: SCHEDULE_SINGLETON_SECONDS };
    const sent = await Promise.all([a.send("anomaly-auto-clear", {}, slot), b.send("anomaly-auto-clear", {}, slot)]);
    // pg-boss's own cron (declareQueues schedules this queue) may have filled the slot first,
    // e.g. on a loaded machine: then neither send creates a job. Either way, one job per slot.
    expect(sent.filter(Boolean).length).toBeLessThanOrEqual(1);
    const slots = await db().$queryRaw<{ slot: Date; n: number; ids: string[] }[]>`
      SELECT singleton_on AS slot, count(*)::int AS n, array_agg(id::text) AS ids FROM ${sqlIdent("job", QUEUE_SCHEMA)}
      WHERE name = 'anomaly-auto-clear' AND singleton_key = ${ONE} AND state <> 'cancelled' GROUP BY 1`;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.filter((s) => s.n !== 1)).toEqual([]);
    for (const id of sent.filter(Boolean)) expect(slots.some((s) => s.ids.includes(id!))).toBe(true);
    // "deliver now" from three instances while one is waiting: still one
    const now = await Promise.all([a, b, a].map((q) => q.send("webhooks-deliver", {}, { singletonKey: ONE })));
    // (here too the cron may have queued the waiting job first: then every send is refused)
    expect(now.filter(Boolean).length).toBeLessThanOrEqual(1);
    const waiting = await db().$queryRaw<{ id: string }[]>`
      SELECT id::text FROM ${sqlIdent("job", QUEUE_SCHEMA)} WHERE name = 'webhooks-deliver' AND state = 'created'`;
    expect(waiting).toHaveLength(1);
    for (const id of now.filter(Boolean)) expect(waiting[0].id).toBe(id);
  });

  test("a job whose worker crashed (lease taken, never finished) is retried by another instance", async () => {
    const id = (await a.send("restatement", { jobId: "crash" }, { expireInSeconds: 1 }))!;
    // instance a takes the job, then dies without completing or failing it
    const [taken] = await a.fetch("restatement");
    expect(taken.id).toBe(id);
    await a.stop({ graceful: false, wait: true, timeout: 1000 });
    expect((await b.getJobById("restatement", id))?.state).toBe("active");
    await sleep(1_500); // the lease (expireInSeconds) runs out
    await b.expire(); // what b's maintenance pass does every maintenanceIntervalSeconds
    const afterExpiry = await b.getJobById("restatement", id, { includeArchive: true } as never);
    expect(afterExpiry?.state).toBe("retry");
    const done: string[] = [];
    await b.work("restatement", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      done.push(job.id);
    });
    await until(() => done.length === 1);
    await b.offWork("restatement");
    const job = await b.getJobById("restatement", id);
    expect(job?.state).toBe("completed");
    expect(job?.retryCount).toBe(1);
    expect(done).toEqual([id]);
  });
});
