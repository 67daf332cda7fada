/**
 * Ingestion benchmark against a production build on PostgreSQL (issue 3, item 8).
 *
 *   npm run bench:ingest -- --events 200000 --concurrency 4 [--batch 1000] [--port 3190] [--db sl_bench] [--skip-build]
 *
 * 1. creates a fresh database (sl_bench) on BENCH_DATABASE_URL's server (default
 *    postgresql://postgres@127.0.0.1:5432/postgres), migrates it, creates an org and an ingest key;
 * 2. builds into its own distDir (.next-bench-ingest) and starts `next start` on its own port;
 * 3. posts the events in 1,000-event JSON batches from `concurrency` clients and times each batch;
 * 4. COPYs the very rows that were stored (exported from CostEvent) into a scratch table with no
 *    indexes — the physical baseline — and prints JSON with both rates and their ratio.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { makeBatches as makeEventBatches, pct, postBatches } from "./bench-ingest-events";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    concurrency: { type: "string", default: "4" },
    batch: { type: "string", default: "1000" },
    port: { type: "string", default: "3190" },
    db: { type: "string", default: "sl_bench" },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.events);
const C = Number(values.concurrency);
const B = Number(values.batch);
const PORT = Number(values.port);
// its own build dir: the guardrails bench reuses .next-bench, and a rebuild under a running server breaks it
const DIST = ".next-bench-ingest";
const DB_NAME = values.db;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--db must be a plain database name, got "${DB_NAME}"`);
// a dev script, not the app: lib/env.ts is for the server
const BASE = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDb(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
const DB_URL = withDb(BASE, DB_NAME);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(cmd, args, {
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
}

async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "[]" });
      if (r.status === 401) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become ready");
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  log(`database ${DB_NAME} created; migrating`);
  run("npm", ["run", "-s", "db:migrate"], { DATABASE_URL: DB_URL });
  run("npm", ["run", "-s", "cli", "--", "org", "create", "bench", "--name", "Benchmark"], { DATABASE_URL: DB_URL });
  const keyOut = run("npm", ["run", "-s", "cli", "--", "api-key", "create", "--org", "bench", "--scopes", "ingest"], {
    DATABASE_URL: DB_URL,
  });
  const key = keyOut.trim().split("\n").pop()!.trim();
  if (!key.startsWith("sl_")) throw new Error(`could not read the API key from: ${keyOut}`);

  const env = {
    SPENDLINE_DIST_DIR: DIST,
    DATABASE_URL: DB_URL,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
  };
  if (!values["skip-build"] || !fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    log(`building into ${DIST} (next build)`);
    run("npx", ["next", "build"], env);
  }
  log(`starting next start on :${PORT}`);
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: { ...process.env, ...env, PORT: String(PORT) } as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${PORT}/api/v1/events`;
  try {
    await waitReady(url, server);
    const batches = makeEventBatches(N, B);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    // warm-up (JIT, connection pool, rate cache): distinct ids, not counted below
    for (let w = 0; w < 3; w++) {
      await fetch(url, { method: "POST", headers, body: batches[w].replaceAll('"bench-', `"warm${w}-`) });
    }
    log(`posting ${N} events in ${batches.length} batches of ${B}, concurrency ${C}`);
    const posted = await postBatches(url, headers, batches, C);
    const { latencies, accepted, duplicates, rejected } = posted;
    const failures = Object.entries(posted.statuses).reduce((n, [status, k]) => n + (status === "200" ? 0 : k), 0);
    const wall = posted.wallS;

    // physical baseline: the same stored rows, COPY'd into an index-free scratch table
    const file = path.join(os.tmpdir(), `spendline-bench-${process.pid}.csv`);
    const db = new pg.Client({ connectionString: DB_URL });
    await db.connect();
    await db.query(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (LIKE "CostEvent" INCLUDING DEFAULTS)`);
    run("psql", [DB_URL, "-qc", `\\copy (SELECT * FROM "CostEvent" WHERE "eventId" LIKE 'bench-%') TO '${file}' WITH (FORMAT csv)`]);
    const c0 = performance.now();
    run("psql", [DB_URL, "-qc", `\\copy bench_copy FROM '${file}' WITH (FORMAT csv)`]);
    const copyS = (performance.now() - c0) / 1000;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bench_copy`);
    const copied = rows[0].n as number;
    await db.query(`DROP TABLE bench_copy`);
    await db.end();
    fs.rmSync(file, { force: true });

    const verify = run("npm", ["run", "-s", "cli", "--", "rollups", "verify", "--org", "bench"], { DATABASE_URL: DB_URL }).trim();
    const eventsPerS = accepted / wall;
    const copyPerS = copied / copyS;
    const out = {
      events: N,
      batch_size: B,
      concurrency: C,
      accepted,
      duplicates,
      rejected,
      failed_batches: failures,
      wall_s: +wall.toFixed(2),
      accepted_events_per_s: Math.round(eventsPerS),
      batch_latency_ms: {
        p50: +pct(latencies, 50).toFixed(1),
        p99: +pct(latencies, 99).toFixed(1),
        max: +Math.max(...latencies).toFixed(1),
      },
      copy_rows: copied,
      copy_s: +copyS.toFixed(2),
      copy_rows_per_s: Math.round(copyPerS),
      ratio: +(eventsPerS / copyPerS).toFixed(3),
      goal: { ratio: 0.25, p99_ms: 250 },
      rollups_verify: verify,
      machine: { cpus: os.cpus().length, loadavg_1m_at_end: +os.loadavg()[0].toFixed(2) },
    };
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
