/**
 * npm run bench:guardrails — latency and throughput of POST /api/v1/guardrails/check, and of
 * the SDK's local decision.
 *
 * Against a running server:   npm run bench:guardrails -- --url http://localhost:3000 --key sl_…
 * Self-contained (default):   creates its own PostgreSQL database (--database, default
 *   postgresql://postgres@127.0.0.1:5432/sl_bench_guardrails, dropped and re-created), seeds an
 *   organisation with policies, a hard budget and some spend, builds the app into its own dist
 *   dir (.next-bench; reused unless --rebuild), serves it on --port (3311) and measures.
 *   --server routes serves the same route handlers from a plain node:http process instead of
 *   `next start` (no build; tests/helpers/route-server-main.ts).
 * Prints one JSON object: closed-loop p50/p99/max latency (ms), checks per second, decisions,
 * errors; open-loop at --rates (default 200,400 req/s: latency from each request's scheduled
 * send time, so a stalled server cannot hide its queue); the decision in process; and the
 * SDK: its local guard() decision and the latency it adds to a wrapped OpenAI call against a
 * local provider stub; self-contained, also kill_switch_ms: from a kill switch written to the
 * database until the HTTP check and a running SDK block (the budget is 2 s; tests assert only
 * that it arrives).
 * Exits when done (it closes the server, the SDK, the stub, the pool and the LISTEN client, then
 * exits explicitly); every wait has a deadline, and --deadline (s, default 1800) ends the whole
 * run with exit code 2, so a script that waits for it never hangs.
 */
import { parseArgs } from "node:util";
import fs from "node:fs";
import os from "node:os";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import pg from "pg";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    database: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/sl_bench_guardrails" },
    port: { type: "string", default: "3311" },
    concurrency: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    rebuild: { type: "boolean", default: false },
    server: { type: "string", default: "next" },
    rates: { type: "string", default: "200,400" },
    deadline: { type: "string", default: "1800" },
  },
});

/** Each request gives up after this long (counted as an error), so a stalled server ends the run. */
const REQUEST_TIMEOUT_MS = 10_000;

const DIST = ".next-bench";

let benchOrgId = "";

async function prepareDatabase(url: string): Promise<string> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "")}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  await admin.end();
  process.env.DATABASE_URL = url; // the lib modules below read it through lib/env
  const { applyMigrations } = await import("../lib/db/migrate");
  await applyMigrations();
  const { createOrganization } = await import("../lib/orgs/manage-members");
  const { createApiKey } = await import("../lib/auth/api-keys");
  const { ingestEvents } = await import("../lib/ingestion/ingest-events");
  const { db } = await import("../lib/db");
  const org = await createOrganization("bench", "Bench");
  benchOrgId = org.id;
  const { key } = await createApiKey({ organizationId: org.id, name: "bench", scopes: ["ingest"] });
  await db().guardrailPolicy.createMany({
    data: [
      { organizationId: org.id, feature: "chat", fallbackModel: "gpt-4o-mini-2024-07-18" },
      { organizationId: org.id, feature: "killed", fallbackModel: "gpt-4o-mini-2024-07-18", killSwitch: true, killSwitchReason: "bench" },
    ],
  });
  await db().budget.createMany({
    data: [
      { organizationId: org.id, scope: "feature", scopeRef: "chat", monthlyLimitUsd: "1000000", mode: "hard" },
      { organizationId: org.id, scope: "org", scopeRef: "", monthlyLimitUsd: "5000000", mode: "hard" },
    ],
  });
  const now = Date.now();
  await ingestEvents(
    org.id,
    Array.from({ length: 500 }, (_, i) => ({
      id: `bench-${i}`,
      timestamp: new Date(now - i * 1000).toISOString(),
      feature: i % 5 === 0 ? "killed" : "chat",
      team: "bench",
      tenant: { id: `tenant-${i % 50}`, tier: i % 2 ? "free" : "pro" },
      model: "gpt-4o-2024-08-06",
      usage: { input_tokens: 1200, output_tokens: 300 },
      cost_usd: "0.0123",
    })),
  );
  return key;
}

/** The request mix of both decision benchmarks (server check and SDK), so their figures compare. */
const REQS = [
  { feature: "chat", model: "gpt-4o-2024-08-06", tenant: { id: "tenant-1", tier: "free" } },
  { feature: "killed", model: "gpt-4o-2024-08-06" },
  { feature: "search", model: "claude-3-5-haiku-20241022" },
];

/**
 * The decision path alone, in this process (snapshot in memory): what the endpoint costs
 * beyond HTTP and Next's routing. Sequential calls, then 16 concurrent callers.
 */
async function inProcess(organizationId: string) {
  const { checkGuardrail, refreshGuardrailSnapshot } = await import("../lib/guardrails/check-guardrail");
  const { flushDecisionLog } = await import("../lib/guardrails/log-decision");
  await refreshGuardrailSnapshot(organizationId);
  const lat: number[] = [];
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await checkGuardrail(organizationId, REQS[i % REQS.length]);
    lat.push(performance.now() - t);
  }
  const elapsed = (performance.now() - t0) / 1000;
  await flushDecisionLog();
  lat.sort((a, b) => a - b);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    calls: n,
    checks_per_s: Math.round(n / elapsed),
    p50_ms: r3(percentile(lat, 50)),
    p99_ms: r3(percentile(lat, 99)),
    max_ms: r3(lat[lat.length - 1]),
  };
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (r.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer at ${url}`);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

async function load(base: string, key: string, concurrency: number, seconds: number) {
  const bodies = [
    { feature: "chat", model: "gpt-4o-2024-08-06", tenant: { id: "tenant-1", tier: "free" } },
    { feature: "chat", model: "gpt-4o-2024-08-06", tenant: { id: "tenant-2", tier: "pro" } },
    { feature: "killed", model: "gpt-4o-2024-08-06" },
    { feature: "search", model: "claude-3-5-haiku-20241022" },
  ].map((b) => JSON.stringify(b));
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const url = `${base}/api/v1/guardrails/check`;
  const one = async (i: number) => {
    const t = performance.now();
    const r = await fetch(url, {
      method: "POST",
      headers,
      body: bodies[i % bodies.length],
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const j = (await r.json()) as { decision?: string };
    return { ms: performance.now() - t, ok: r.ok, decision: j.decision ?? `http_${r.status}` };
  };
  // warm-up: compile/JIT, key cache, snapshot load
  for (let i = 0; i < 200; i++) await one(i);
  const lat: number[] = [];
  const decisions: Record<string, number> = {};
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      let i = w;
      while (performance.now() < end) {
        try {
          const r = await one(i++);
          lat.push(r.ms);
          decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
          if (!r.ok) errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    endpoint: "POST /api/v1/guardrails/check",
    concurrency,
    duration_s: r2(elapsed),
    requests: lat.length,
    checks_per_s: Math.round(lat.length / elapsed),
    p50_ms: r2(percentile(lat, 50)),
    p90_ms: r2(percentile(lat, 90)),
    p99_ms: r2(percentile(lat, 99)),
    max_ms: r2(lat[lat.length - 1] ?? NaN),
    decisions,
    errors,
  };
}

/** Open loop: one request every 1/rate s whatever the answers do; latency from the scheduled time. */
async function openLoop(base: string, key: string, rate: number, seconds: number) {
  const body = JSON.stringify({ feature: "chat", model: "gpt-4o-2024-08-06", tenant: { id: "tenant-2", tier: "pro" } });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const url = `${base}/api/v1/guardrails/check`;
  const total = Math.round(rate * seconds);
  const lat: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
        .then(async (r) => {
          await r.arrayBuffer();
          if (!r.ok) errors++;
          lat.push(performance.now() - due);
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inflight);
  lat.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    rate_per_s: rate,
    requests: total,
    achieved_per_s: Math.round(total / ((performance.now() - t0) / 1000)),
    p50_ms: r2(percentile(lat, 50)),
    p99_ms: r2(percentile(lat, 99)),
    max_ms: r2(lat[lat.length - 1] ?? NaN),
    errors,
  };
}

/** The SDK against the server: its local decision, and what it adds to a wrapped call. */
async function sdkFigures(base: string, key: string) {
  const { createSpendline } = await import("../packages/sdk/src/index");
  const { startProviderStub } = await import("../tests/sdk/provider-stub");
  const { default: OpenAI } = await import("openai");
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const sdk = createSpendline({ url: base, apiKey: key, defaults: { feature: "chat", team: "bench" }, onError: () => undefined });
  // warm: first snapshot and leases on the hard budgets
  for (let i = 0; i < 100; i++) await sdk.guard({ model: "gpt-4o-2024-08-06" });
  const lat: number[] = [];
  const n = 100_000;
  const decisions: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const d = await sdk.guard(REQS[i % REQS.length]);
    lat.push(performance.now() - t);
    decisions[d.decision] = (decisions[d.decision] ?? 0) + 1;
  }
  lat.sort((a, b) => a - b);
  const local = { calls: n, p50_ms: r3(percentile(lat, 50)), p99_ms: r3(percentile(lat, 99)), max_ms: r3(lat[lat.length - 1]), decisions };

  const stub = await startProviderStub();
  const raw = new OpenAI({ apiKey: "sk-bench", baseURL: `${stub.url}/v1`, maxRetries: 0 });
  const wrapped = sdk.wrapOpenAI(new OpenAI({ apiKey: "sk-bench", baseURL: `${stub.url}/v1`, maxRetries: 0 }), { guard: true });
  const body = { model: "gpt-4o-2024-08-06", messages: [{ role: "user" as const, content: "hi" }] };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 200; i++) {
    await raw.chat.completions.create(body);
    await wrapped.chat.completions.create(body);
  }
  // interleaved, so that both see the same machine
  for (let i = 0; i < 3000; i++) {
    let t = performance.now();
    await raw.chat.completions.create(body);
    a.push(performance.now() - t);
    t = performance.now();
    await wrapped.chat.completions.create(body);
    b.push(performance.now() - t);
  }
  a.sort((x, y) => x - y);
  b.sort((x, y) => x - y);
  await sdk.shutdown();
  await stub.close();
  return {
    local_decision: local,
    wrapped_call: {
      calls: 3000,
      guard: true,
      unwrapped_p50_ms: r3(percentile(a, 50)),
      unwrapped_p99_ms: r3(percentile(a, 99)),
      wrapped_p50_ms: r3(percentile(b, 50)),
      wrapped_p99_ms: r3(percentile(b, 99)),
      added_p50_ms: r3(percentile(b, 50) - percentile(a, 50)),
      added_p99_ms: r3(percentile(b, 99) - percentile(a, 99)),
    },
  };
}

/**
 * The kill switch's way to the deciders: written to the database (as the policies API does),
 * then polled through the server's HTTP check and a running SDK until both block; null when
 * one did not within 20 s. Self-contained runs only (it writes to the bench database).
 */
async function killSwitchFigures(base: string, key: string) {
  const { createSpendline } = await import("../packages/sdk/src/index");
  const { upsertPolicy } = await import("../lib/guardrails/manage-policies");
  const sdk = createSpendline({ url: base, apiKey: key, defaults: { feature: "chat", team: "bench" }, onError: () => undefined });
  try {
    for (let i = 0; i < 10; i++) await sdk.guard({ model: "gpt-4o-2024-08-06" }); // snapshot loaded, poll running
    const body = JSON.stringify({ feature: "chat", model: "gpt-4o-2024-08-06" });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const http = async () => {
      const r = await fetch(`${base}/api/v1/guardrails/check`, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return ((await r.json()) as { decision?: string }).decision;
    };
    const t0 = performance.now();
    await upsertPolicy(
      benchOrgId,
      { feature: "chat", kill_switch: true, kill_switch_reason: "bench", fallback_action: "block" },
      { userId: null, apiKeyId: null },
    );
    const until = async (decision: () => Promise<string | undefined>) => {
      while (performance.now() - t0 < 20_000) {
        if ((await decision()) === "block") return Math.round(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    };
    const [httpMs, sdkMs] = await Promise.all([until(http), until(async () => (await sdk.guard({ model: "gpt-4o-2024-08-06" })).decision)]);
    return { budget_ms: 2000, http_check_ms: httpMs, sdk_ms: sdkMs };
  } finally {
    await sdk.shutdown({ timeoutMs: 2_000 });
  }
}

/** Closes what this process opened in the lib (pool, LISTEN client, decision log), each within a deadline. */
async function closeLib() {
  const within = <T>(p: Promise<T>) => Promise.race([p, new Promise((r) => setTimeout(r, 5_000).unref())]);
  await within((async () => (await import("../lib/guardrails/log-decision")).flushDecisionLog())());
  await within((async () => (await import("../lib/guardrail-changes/pg-notify")).stopListening())());
  await within((async () => (await import("../lib/db")).disconnectDb())());
}

async function main() {
  const concurrency = Number(values.concurrency);
  const seconds = Number(values.seconds);
  let server: ChildProcess | null = null;
  let base = values.url;
  let key = values.key;
  try {
    if (!base) {
      key = await prepareDatabase(values.database!);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: values.database,
        SPENDLINE_DIST_DIR: DIST,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        NEXTAUTH_SECRET: "bench-only-secret",
      };
      if (values.server === "routes") {
        server = spawn(
          process.execPath,
          ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "tests/helpers/route-server-main.ts"],
          { stdio: "ignore", env: { ...env, PORT: values.port }, detached: true },
        );
        serverGroup = server.pid ?? 0;
        base = `http://127.0.0.1:${values.port}`;
        await waitFor(`${base}/api/v1/guardrails/check`, 120_000);
      } else {
        if (values.rebuild || !fs.existsSync(`${DIST}/BUILD_ID`)) {
          console.error(`building into ${DIST}…`);
          const b = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env, timeout: 20 * 60_000 });
          if (b.status !== 0) throw new Error("next build failed");
        }
        server = spawn("npx", ["next", "start", "-p", values.port!], { stdio: "ignore", env, detached: true });
        serverGroup = server.pid ?? 0;
        base = `http://127.0.0.1:${values.port}`;
        await waitFor(`${base}/signin`, 120_000);
      }
    }
    if (!key) throw new Error("--key is required with --url");
    const loadBefore = os.loadavg()[0];
    const result = await load(base, key, concurrency, seconds);
    const open_loop = [];
    for (const rate of values.rates!.split(",").map(Number)) open_loop.push(await openLoop(base, key, rate, seconds));
    const sdk = await sdkFigures(base, key);
    const in_process = benchOrgId ? await inProcess(benchOrgId) : undefined;
    const kill_switch_ms = benchOrgId ? await killSwitchFigures(base, key) : null;
    console.log(
      JSON.stringify(
        {
          ...result,
          server: values.url ? "external" : values.server,
          open_loop,
          sdk,
          machine: {
            cpus: os.cpus().length,
            load_avg_1m_before: Math.round(loadBefore * 100) / 100,
            load_avg_1m_after: Math.round(os.loadavg()[0] * 100) / 100,
          },
          in_process,
          kill_switch_ms,
        },
        null,
        2,
      ),
    );
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    serverGroup = 0;
    if (benchOrgId) await closeLib();
  }
}

const deadline = setTimeout(
  () => {
    console.error(`bench failed: not done within --deadline ${values.deadline} s`);
    process.exit(2); // the "exit" handler below stops the server
  },
  Number(values.deadline) * 1000,
);
let serverGroup = 0;
process.on("exit", () => {
  if (serverGroup) {
    try {
      process.kill(-serverGroup, "SIGTERM");
    } catch {}
  }
});

main().then(
  () => {
    clearTimeout(deadline);
    // everything opened above is closed; exit anyway, so that a handle left by a library
    // (a keep-alive socket, a timer) cannot keep the process up after the JSON is printed
    process.exit(0);
  },
  (e) => {
    console.error(`bench failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
