/**
 * bench:ingest through the HA topology (issue 21): the events of scripts/bench-ingest.ts posted
 * through HAProxy's app frontend to N Spendline instances, which write through PgBouncer →
 * HAProxy → the Patroni leader with a synchronous standby. One fresh topology per instance
 * count; prints one JSON array (one object per count) with events/s, batch latency and where
 * the CPU went (seconds per component, from /proc, during the posting only) and what the
 * leader's client backends were waiting on (pg_stat_activity sampled every 50 ms: CPU, the
 * synchronous standby's acknowledgement `IPC:SyncRep`, WAL flushes `IO:WALSync` /
 * `LWLock:WALWrite`, row and advisory locks `Lock:*`), with pg_stat_wal's flush count and time.
 *
 *   npx tsx scripts/cluster/bench-ingest-cluster.ts --instances 1,3 [--events 200000] [--concurrency 8] [--batch 1000] [--no-pgbouncer] [--async-standby]
 *
 * --async-standby: Patroni's synchronous_mode off (the standby streams asynchronously): against
 * the default run, what the synchronous standby of decision 036 costs ingest.
 *
 * Needs what npm run test:cluster needs (patroni, etcd-server, haproxy, pgbouncer; root to run
 * PostgreSQL as the postgres user) and the production build in .next-cluster (built when absent).
 * A benchmark: run it on a quiet machine; the load average is recorded beside the figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { makeBatches, pct, postBatches } from "../bench-ingest-events";
import { postmasterPid, startApp, startDatabase, stopAll, waitAppReady, waitFrontend, type Topology } from "./topology";

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: "1,3" },
    events: { type: "string", default: "200000" },
    concurrency: { type: "string", default: "8" },
    batch: { type: "string", default: "1000" },
    "no-pgbouncer": { type: "boolean", default: false },
    "async-standby": { type: "boolean", default: false },
  },
});
const COUNTS = values.instances.split(",").map(Number);
const N = Number(values.events);
const C = Number(values.concurrency);
const B = Number(values.batch);
if (COUNTS.some((n) => !Number.isInteger(n) || n < 1) || !(N > 0) || !(C > 0) || !(B > 0 && B <= 1000)) {
  throw new Error("usage: --instances 1,3 --events N --concurrency C --batch B (≤ 1000)");
}
const DIST = ".next-cluster";
const log = (m: string) => process.stderr.write(`[bench-cluster] ${m}\n`);

function run(cmd: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const TICK = 100; // USER_HZ on Linux
/** CPU seconds (user + system) of every live process, with its parent and command name. */
function processTable(): Map<number, { ppid: number; comm: string; cpu: number }> {
  const out = new Map<number, { ppid: number; comm: string; cpu: number }>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const f = stat.slice(close + 2).split(" ");
      // fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14):
      // the last two hold children that exited (PostgreSQL backends that came and went)
      out.set(Number(d), { ppid: Number(f[1]), comm, cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * CPU seconds per component of the topology: the processes it started and all their
 * descendants, each counted once. The postmasters are found by their pid files: Patroni starts
 * them detached, so they are not in its process tree.
 */
function cpuByComponent(t: Topology): Record<string, number> {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const seen = new Set<number>();
  const sum = (root: number): number => {
    if (seen.has(root)) return 0;
    seen.add(root);
    return (table.get(root)?.cpu ?? 0) + (children.get(root) ?? []).reduce((a, c) => a + sum(c), 0);
  };
  const out: Record<string, number> = { postgresql: 0 };
  for (const i of [0, 1] as const) {
    const pm = postmasterPid(t, i);
    if (pm) out.postgresql += sum(pm);
  }
  for (const [name, proc] of t.procs) {
    if (!proc.pid) continue;
    // app1…appN → "spendline_instances", patroni1/2 → "patroni"
    const key = name.startsWith("app") ? "spendline_instances" : name.startsWith("patroni") ? "patroni" : name;
    out[key] = (out[key] ?? 0) + sum(proc.pid);
  }
  return out;
}

/**
 * Samples the leader's active client backends every 50 ms while posting (a poor man's active
 * session history) and reads pg_stat_wal around it, with track_wal_io_timing switched on for the
 * run. `share` is each wait's fraction of all active-backend samples; "CPU" is a backend with
 * no wait event (running or runnable).
 */
async function startWaitSampler(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`ALTER SYSTEM SET track_wal_io_timing = on`);
  await c.query(`SELECT pg_reload_conf()`);
  await c.query(`SELECT pg_stat_reset_shared('wal')`);
  const counts = new Map<string, number>();
  // which tables the row-lock queues are on: a second waiter for a row holds (or waits for) a
  // tuple lock naming the relation, the first waits on the holder's transaction id
  const hotRows = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await c.query<{ w: string }>(
        `SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      samples++;
      for (const r of rows) {
        busy++;
        counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
      }
      const tuples = await c.query<{ rel: string; n: number }>(
        `SELECT relation::regclass::text AS rel, count(*)::int AS n FROM pg_locks WHERE locktype = 'tuple' GROUP BY 1`,
      );
      for (const r of tuples.rows) hotRows.set(r.rel, (hotRows.get(r.rel) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const { rows } = await c.query<Record<string, string>>(
        `SELECT wal_records::text, wal_bytes::text, wal_write::text, wal_sync::text, wal_write_time::text, wal_sync_time::text FROM pg_stat_wal`,
      );
      await c.query(`ALTER SYSTEM RESET track_wal_io_timing`);
      await c.query(`SELECT pg_reload_conf()`);
      await c.end();
      const w = rows[0];
      const syncs = Number(w.wal_sync);
      return {
        samples,
        mean_active_backends: +(busy / Math.max(samples, 1)).toFixed(2),
        share: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, +(n / Math.max(busy, 1)).toFixed(3)])),
        // tuple locks seen per table, summed over the samples (where batches queue on the same rows)
        row_lock_queues: Object.fromEntries([...hotRows].sort((a, b) => b[1] - a[1])),
        wal: {
          records: Number(w.wal_records),
          mb: +(Number(w.wal_bytes) / 1048576).toFixed(1),
          writes: Number(w.wal_write),
          flushes: syncs,
          flush_ms_total: +Number(w.wal_sync_time).toFixed(1),
          flush_ms_mean: syncs ? +(Number(w.wal_sync_time) / syncs).toFixed(3) : null,
        },
      };
    },
  };
}

let current: string | null = null; // the running topology's directory
// timeout(1) or Ctrl-C: stop what this run started (its processes are in their own groups)
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping the topology`);
    void (current ? stopAll(current) : Promise.resolve()).finally(() => process.exit(130));
  });
}

async function benchOne(instances: number): Promise<Record<string, unknown>> {
  // the directory first, so that a signal while the database starts still stops what did start
  current = fs.mkdtempSync(path.join(os.tmpdir(), "spendline-cluster-"));
  const t = await startDatabase({ instances, pgbouncer: !values["no-pgbouncer"], synchronous: !values["async-standby"], dir: current });
  try {
    const env = { DATABASE_URL: t.primaryUrl };
    run("npx", ["tsx", "scripts/db.ts", "migrate"], env);
    const cli = (...a: string[]) => run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...a], env);
    cli("org", "create", "bench", "--name", "Benchmark");
    const key = cli("api-key", "create", "--org", "bench", "--scopes", "ingest").trim().split("\n").pop()!.trim();
    if (!key.startsWith("sl_")) throw new Error(`could not read the API key from: ${key}`);
    for (let i = 0; i < instances; i++) startApp(t, i, DIST);
    for (let i = 0; i < instances; i++) await waitAppReady(t, i);
    await waitFrontend(t);
    log(`${instances} instance(s) ready behind ${t.appUrl}`);

    const url = `${t.appUrl}/api/v1/events`;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const batches = makeBatches(N, B);
    // warm-up on every instance (JIT, pools, rate cache): distinct ids, not counted
    for (let w = 0; w < 2 * instances; w++) {
      const r = await fetch(url, { method: "POST", headers, body: batches[w % batches.length].replaceAll('"bench-', `"warm${w}-`) });
      await r.body?.cancel();
    }
    const waits = await startWaitSampler(t.primaryUrl);
    const loadBefore = os.loadavg();
    const cpu0 = cpuByComponent(t);
    log(`posting ${N} events in ${batches.length} batches of ${B}, concurrency ${C}`);
    const { latencies, statuses, accepted, duplicates, wallS: wall } = await postBatches(url, headers, batches, C);
    const cpu1 = cpuByComponent(t);
    const leaderWaits = await waits.stop();
    const cpu = Object.fromEntries(Object.keys(cpu1).map((k) => [k, +(cpu1[k] - (cpu0[k] ?? 0)).toFixed(2)]));

    const db = new pg.Client({ connectionString: t.primaryUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "CostEvent" WHERE "eventId" LIKE 'bench-%'`);
    await db.end();
    const verify = cli("rollups", "verify", "--org", "bench").trim();
    return {
      instances,
      pgbouncer: t.poolUrl !== t.primaryUrl,
      standby: values["async-standby"] ? "asynchronous" : "synchronous",
      events: N,
      batch_size: B,
      concurrency: C,
      accepted,
      duplicates,
      stored: rows[0].n,
      statuses,
      wall_s: +wall.toFixed(2),
      accepted_events_per_s: Math.round(accepted / wall),
      batch_latency_ms: {
        p50: +pct(latencies, 50).toFixed(1),
        p99: +pct(latencies, 99).toFixed(1),
        max: +Math.max(...latencies).toFixed(1),
      },
      // where the time went while posting: CPU seconds per component (of wall_s × cores available)
      cpu_seconds: cpu,
      cpu_available_s: +(wall * os.cpus().length).toFixed(2),
      // what the leader's busy client backends were doing while posting (share of samples)
      leader_waits: leaderWaits,
      rollups_verify: verify,
      machine: {
        cpus: os.cpus().length,
        loadavg_before: loadBefore.map((l) => +l.toFixed(2)),
        loadavg_after: os.loadavg().map((l) => +l.toFixed(2)),
      },
    };
  } finally {
    await stopAll(t.dir);
    current = null;
  }
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    log(`building the app into ${DIST} (once)…`);
    run("npx", ["next", "build"], { SPENDLINE_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" });
  }
  const results = [];
  for (const n of COUNTS) results.push(await benchOne(n));
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  const ok = results.every((r) => r.stored === N && r.accepted === N);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
