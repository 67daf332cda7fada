/**
 * The proof of issue 21 (npm run test:cluster; not part of CI, needs patroni, etcd-server and
 * haproxy from Debian and a production build — built into .next-cluster when absent):
 * the topology of ./topology.ts with 3 Spendline instances; 4 SDK clients send 50,000 events
 * with retries while a dashboard reader and a guardrail checker run; the PostgreSQL primary is
 * killed (-9, Patroni and postmaster) at ~10 s, one app instance at ~20 s, both restarted at
 * ~35 s. A kill switch is set during the failover (retried until a leader accepts it).
 * Prints one JSON object; exits 1 unless every event is stored exactly once with the exact
 * total, `rollups verify` is clean, no webhook was delivered twice or lost, each scheduled job
 * slot ran at most once and every queue ran, and the kill switch reached every live instance
 * and an SDK within 2 s of the leader returning; dashboards must be served while there is no
 * leader (HAProxy's read pool, decision 055) and every refused write must be a 503 with
 * Retry-After. All traffic stays on 127.0.0.1.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { createSpendline } from "../../packages/sdk/src/index";
import {
  freePort,
  killApp,
  killNode,
  patroniCluster,
  sleep,
  startApp,
  startDatabase,
  startPatroni,
  stopAll,
  waitAppReady,
  waitFrontend,
  type Topology,
} from "./topology";

const EVENTS = Number(process.env.CLUSTER_EVENTS ?? 50_000);
const CLIENTS = 4;
const INSTANCES = 3;
const RATE_PER_CLIENT = Number(process.env.CLUSTER_RATE ?? 250); // events/s per client: the load lasts ~EVENTS/(4·rate) s
const DIST = ".next-cluster";
const KEEP = process.env.CLUSTER_KEEP === "1";
const COST_PICO = 123_456_789n; // $0.000123456789 per event: the exact total is EVENTS × this

const t0 = Date.now();
const at = () => (Date.now() - t0) / 1000;
const log = (m: string) => process.stderr.write(`[${at().toFixed(1).padStart(6)} s] ${m}\n`);
const usd = (pico: bigint) => {
  const s = pico.toString().padStart(13, "0");
  return `${s.slice(0, -12)}.${s.slice(-12)}`;
};

function run(cmd: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function api(base: string, key: string, method: string, p: string, body?: unknown, timeoutMs = 10_000): Promise<Response> {
  return await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    log(`building the app into ${DIST} (once)…`);
    run("npx", ["next", "build"], { SPENDLINE_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" });
  }
  const loadBefore = os.loadavg();
  const topo = await startDatabase({ instances: INSTANCES });
  const result: Record<string, unknown> = { load_average_at_start: loadBefore.map((l) => +l.toFixed(2)) };
  let ok = false;
  try {
    ok = await prove(topo, result);
  } catch (e) {
    result.error = (e as Error).stack ?? String(e);
  } finally {
    result.load_average_at_end = os.loadavg().map((l) => +l.toFixed(2));
    result.passed = ok;
    result.directory = KEEP ? topo.dir : undefined;
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    await stopAll(topo.dir, { keep: KEEP });
  }
  process.exit(ok ? 0 : 1);
}

async function prove(t: Topology, out: Record<string, unknown>): Promise<boolean> {
  const env = { DATABASE_URL: t.primaryUrl };
  run("npx", ["tsx", "scripts/db.ts", "migrate"], env);
  const cli = (...a: string[]) => run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...a], env);
  cli("org", "create", "ha", "--name", "HA proof");
  cli("org", "create", "ha-probe", "--name", "HA write probe");
  const keyOf = (o: string) => cli("api-key", "create", "--org", o, "--scopes", "ingest,read,admin").trim().split("\n").pop()!.trim();
  const key = keyOf("ha");
  const probeKey = keyOf("ha-probe");
  log("migrated; organisations and keys created");

  for (let i = 0; i < INSTANCES; i++) startApp(t, i, DIST);
  for (let i = 0; i < INSTANCES; i++) await waitAppReady(t, i);
  await waitFrontend(t);
  log("3 instances ready");
  const base = t.appUrl;

  // webhook receiver: every delivery id counted
  const received = new Map<string, number>();
  const hookPort = await freePort();
  const receiver = http.createServer((req, res) => {
    let b = "";
    req.on("data", (c) => (b += c));
    req.on("end", () => {
      try {
        const id = (JSON.parse(b) as { delivery_id: string }).delivery_id;
        received.set(id, (received.get(id) ?? 0) + 1);
      } catch {
        // not ours
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(hookPort, "127.0.0.1", r));
  const must = async (r: Promise<Response>, what: string) => {
    const res = await r;
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  await must(api(base, key, "POST", "/api/v1/webhooks", { url: `http://127.0.0.1:${hookPort}/hook` }), "webhook");
  // thresholds crossed during the load raise alerts → webhook deliveries through the queue
  const totalUsd = Number(usd(COST_PICO * BigInt(EVENTS)));
  await must(
    api(base, key, "POST", "/api/v1/budgets", {
      scope: "org",
      scope_ref: "",
      monthly_limit_usd: (totalUsd / 1.0).toFixed(6),
      mode: "soft",
      thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    }),
    "budget",
  );
  await must(api(base, key, "PUT", "/api/v1/guardrails/policies", { feature: "kill-me", kill_switch: false }), "policy");

  // --- continuous readers -------------------------------------------------------------
  let stop = false;
  // dashboard reads go to HAProxy's read pool (instances ready for reads: replica, no leader needed, decision 055)
  const dash = { total: 0, ok: 0, statuses: {} as Record<string, number> };
  const dashReads: { at: number; ok: boolean }[] = [];
  const dashboardReader = (async () => {
    while (!stop) {
      dash.total++;
      const startedAt = Date.now();
      let okNow = false;
      try {
        const r = await api(base, key, "GET", "/api/v1/metrics/overview", undefined);
        okNow = r.ok;
        dash.statuses[r.status] = (dash.statuses[r.status] ?? 0) + 1;
        await r.body?.cancel();
      } catch {
        dash.statuses.network = (dash.statuses.network ?? 0) + 1;
      }
      if (okNow) dash.ok++;
      dashReads.push({ at: startedAt, ok: okNow });
      await sleep(250);
    }
  })();

  const blockedAt: (number | null)[] = Array(INSTANCES).fill(null);
  let killSwitchAcceptedAt: number | null = null;
  const guardrailChecker = (async () => {
    while (!stop) {
      await Promise.all(
        t.ports.apps.map(async (p, i) => {
          try {
            const r = await api(`http://127.0.0.1:${p}`, key, "POST", "/api/v1/guardrails/check", { feature: "kill-me", model: "gpt-4o" });
            if (r.ok) {
              const j = (await r.json()) as { decision: string };
              if (j.decision === "block" && killSwitchAcceptedAt && blockedAt[i] === null) blockedAt[i] = Date.now();
            } else await r.body?.cancel();
          } catch {
            // instance down
          }
        }),
      );
      await sleep(100);
    }
  })();

  const sdkGuard = createSpendline({ url: base, apiKey: key, pollWaitSeconds: 20, onError: () => undefined });
  let sdkBlockedAt: number | null = null;
  const sdkWatcher = (async () => {
    while (!stop) {
      const d = await sdkGuard.guard({ feature: "kill-me", model: "gpt-4o" });
      if (d.decision === "block" && killSwitchAcceptedAt && sdkBlockedAt === null) sdkBlockedAt = Date.now();
      await sleep(50);
    }
  })();

  // write probe (its own organisation): the write-unavailability window
  // every refusal must say "retry": 503 + Retry-After (from an instance, or from HAProxy with no instance ready for writes)
  const probes: { at: number; ok: boolean; status: number | "network"; retryAfter: boolean }[] = [];
  const writeProbe = (async () => {
    let n = 0;
    while (!stop) {
      const id = `probe-${n++}`;
      let okNow = false;
      let status: number | "network" = "network";
      let retryAfter = false;
      try {
        const r = await api(base, probeKey, "POST", "/api/v1/events", [
          {
            id,
            timestamp: new Date().toISOString(),
            feature: "probe",
            model: "gpt-4o",
            usage: { input_tokens: 1, output_tokens: 1 },
            cost_usd: "0.000001",
          },
        ]);
        okNow = r.ok;
        status = r.status;
        retryAfter = r.headers.has("retry-after");
        await r.body?.cancel();
      } catch {
        okNow = false;
      }
      probes.push({ at: Date.now(), ok: okNow, status, retryAfter });
      await sleep(100);
    }
  })();

  // leader watcher: when a writable primary answers through HAProxy again. Only a check that
  // began after the kill counts, and only after one such check failed: a check in flight at the
  // kill may still answer from the old primary (run F of 2026-12-04 took that answer, 4 ms after
  // the kill, for the leader's return, and so reported the kill switch 10.9 s late)
  let leaderLostAt: number | null = null;
  let leaderBackAt: number | null = null;
  let leaderSeenDown = false;
  let promotedAt: number | null = null; // Patroni reports a new running leader (before HAProxy routes to it)
  let killedName: string | null = null;
  const leaderWatch = (async () => {
    while (!stop) {
      const startedAt = Date.now();
      const c = new pg.Client({ connectionString: t.primaryUrl, connectionTimeoutMillis: 1000 });
      let writable = false;
      try {
        await c.connect();
        const { rows } = await c.query("SELECT NOT pg_is_in_recovery() AS w");
        writable = rows[0].w === true;
      } catch {
        writable = false;
      } finally {
        await c.end().catch(() => undefined);
      }
      const lost = leaderLostAt;
      if (lost !== null && startedAt > lost && !leaderBackAt) {
        if (!writable) leaderSeenDown = true;
        else if (leaderSeenDown) leaderBackAt = Date.now();
      }
      if (lost !== null && promotedAt === null) {
        const m = await patroniCluster(t).catch(() => []);
        if (m.some((x) => x.role === "leader" && x.state === "running" && x.name !== killedName)) promotedAt = Date.now();
      }
      await sleep(100);
    }
  })();

  // --- the load: 4 SDK clients, 50,000 events with retries ------------------------------
  const perClient = EVENTS / CLIENTS;
  const sdkErrors: string[] = [];
  const clients = Array.from({ length: CLIENTS }, () =>
    createSpendline({
      url: base,
      apiKey: key,
      batchSize: 250,
      flushIntervalMs: 250,
      maxBufferedEvents: perClient + 1,
      maxAttempts: 10_000,
      retryBaseMs: 100,
      retryCapMs: 1_000,
      onError: (e) => sdkErrors.push(e.message.slice(0, 200)),
    }),
  );
  const loadStart = Date.now();
  const senders = clients.map(async (c, k) => {
    for (let i = 0; i < perClient; i++) {
      c.track({
        id: `c${k}-${i}`,
        timestamp: new Date(loadStart - (i % 3600) * 1000).toISOString(),
        feature: `f${i % 7}`,
        team: `t${k}`,
        model: "gpt-4o-2024-08-06",
        usage: { input_tokens: 100, output_tokens: 20 },
        cost_usd: usd(COST_PICO),
      } as never);
      if (i % RATE_PER_CLIENT === RATE_PER_CLIENT - 1) await sleep(1000);
    }
    for (let a = 0; a < 600 && c.stats().pending > 0; a++) await c.flush().then(() => sleep(500));
  });

  // --- the faults ------------------------------------------------------------------------
  const faults = (async () => {
    await sleep(Math.max(0, loadStart + 10_000 - Date.now()));
    const members = await patroniCluster(t);
    const leader = members.find((m) => m.role === "leader");
    const idx = (leader?.name === "pg2" ? 1 : 0) as 0 | 1;
    log(`kill -9 PostgreSQL primary ${leader?.name} (Patroni + postmaster)`);
    killedName = leader?.name ?? null;
    leaderLostAt = Date.now();
    killNode(t, idx);
    // the kill switch is set during the failover: retried until a leader accepts it. Each attempt
    // gives up after 2 s (the PUT is idempotent): one stuck behind a dead connection must not
    // hold the next attempt back for the default 10 s
    const setter = (async () => {
      for (;;) {
        try {
          const r = await api(
            base,
            key,
            "PUT",
            "/api/v1/guardrails/policies",
            { feature: "kill-me", kill_switch: true, kill_switch_reason: "set during failover" },
            2_000,
          );
          await r.body?.cancel();
          if (r.ok) {
            killSwitchAcceptedAt = Date.now();
            log("kill switch accepted");
            return;
          }
        } catch {
          // no leader yet
        }
        await sleep(100);
      }
    })();
    await sleep(Math.max(0, loadStart + 20_000 - Date.now()));
    log("kill -9 app instance 3");
    killApp(t, 2);
    const killedAppAt = Date.now();
    await sleep(Math.max(0, loadStart + 35_000 - Date.now()));
    log(`restart ${leader?.name} and app instance 3`);
    startPatroni(t, idx);
    startApp(t, 2, DIST);
    await setter;
    await waitAppReady(t, 2);
    log("app instance 3 back");
    return { killed_node: leader?.name, killedAppAt };
  })();

  await Promise.all(senders);
  const fault = await faults;
  log("load sent; waiting for deliveries and queues");
  await Promise.all(clients.map((c) => c.shutdown({ timeoutMs: 30_000 })));
  await sleep(3000);
  stop = true;
  await Promise.all([dashboardReader, guardrailChecker, writeProbe, leaderWatch]);
  await sdkGuard.shutdown({ timeoutMs: 2000 });
  void sdkWatcher;

  // --- verification ----------------------------------------------------------------------
  const db = new pg.Client({ connectionString: t.primaryUrl });
  await db.connect();
  const [{ id: orgId }] = (await db.query(`SELECT id FROM "Organization" WHERE slug = 'ha'`)).rows;
  const counts = (
    await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT "eventId")::int AS distinct_ids, COALESCE(sum("costUsd"), 0)::text AS total
       FROM "CostEvent" WHERE "organizationId" = $1`,
      [orgId],
    )
  ).rows[0];
  const expectedTotal = usd(COST_PICO * BigInt(EVENTS));
  const exactTotal = counts.total.replace(/0+$/, "").replace(/\.$/, "") === expectedTotal.replace(/0+$/, "").replace(/\.$/, "");

  const verify = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "rollups", "verify", "--org", "ha"], {
    env: { ...process.env, DATABASE_URL: t.primaryUrl },
    encoding: "utf8",
  });

  // webhooks: wait (bounded) until nothing is pending, then compare with what the receiver got
  let deliveries: { id: string; status: string }[] = [];
  for (let i = 0; i < 120; i++) {
    deliveries = (await db.query(`SELECT id, status FROM "WebhookDelivery" WHERE "organizationId" = $1`, [orgId])).rows;
    if (deliveries.every((d) => d.status !== "pending")) break;
    await sleep(1000);
  }
  const delivered = deliveries.filter((d) => d.status === "delivered");
  const twice = [...received.entries()].filter(([, n]) => n > 1).map(([id]) => id);
  const lost = delivered.filter((d) => !received.has(d.id)).map((d) => d.id);
  const notDelivered = deliveries.filter((d) => d.status !== "delivered").map((d) => `${d.id}:${d.status}`);

  // scheduled jobs: one job per (queue, cron slot), across all instances
  const slots = (
    await db.query(
      `WITH j AS (SELECT name, singleton_on, state FROM pgboss.job WHERE singleton_key = 'one' AND singleton_on IS NOT NULL
                  UNION ALL SELECT name, singleton_on, state FROM pgboss.archive WHERE singleton_key = 'one' AND singleton_on IS NOT NULL)
       SELECT name, count(DISTINCT singleton_on)::int AS slots, count(*)::int AS jobs,
              count(*) FILTER (WHERE state = 'completed')::int AS completed,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
       FROM j GROUP BY name ORDER BY name`,
    )
  ).rows as { name: string; slots: number; jobs: number; completed: number; failed: number }[];
  await db.end();

  // windows
  let longestGap = 0;
  let lastOk: number | null = null;
  for (const p of probes) {
    if (p.ok) {
      if (lastOk !== null) longestGap = Math.max(longestGap, p.at - lastOk);
      lastOk = p.at;
    }
  }
  const back = leaderBackAt as number | null;
  const promoted = promotedAt as number | null;
  const accepted = killSwitchAcceptedAt as number | null;
  const killedAppAt = fault.killedAppAt;
  const liveInstances = t.ports.apps.map((_, i) => i).filter((i) => !(i === 2 && accepted !== null && accepted >= killedAppAt));
  const propagation = liveInstances.map((i) => ({
    instance: i + 1,
    seconds_after_leader_returned: blockedAt[i] && back ? (blockedAt[i]! - back) / 1000 : null,
    seconds_after_kill_switch_accepted: blockedAt[i] && accepted ? (blockedAt[i]! - accepted) / 1000 : null,
  }));
  const sdkProp = sdkBlockedAt && back ? (sdkBlockedAt - back) / 1000 : null;
  // the leaderless window: from the kill until a writable leader answered through HAProxy again
  const lostAt = leaderLostAt as number | null;
  const inWindow = (at: number) => lostAt !== null && back !== null && at >= lostAt && at < back;
  const dashDuring = dashReads.filter((d) => inWindow(d.at));
  const writeStatuses: Record<string, number> = {};
  for (const p of probes) writeStatuses[p.status] = (writeStatuses[p.status] ?? 0) + 1;
  const refusals = probes.filter((p) => !p.ok && p.status !== "network");

  const checks = {
    events_exactly_once: counts.n === EVENTS && counts.distinct_ids === EVENTS,
    exact_total: exactTotal,
    rollups_verify_clean: verify.status === 0,
    no_webhook_twice: twice.length === 0,
    no_webhook_lost: lost.length === 0 && notDelivered.length === 0 && deliveries.length > 0,
    scheduled_slots_once: slots.length > 0 && slots.every((s) => s.jobs === s.slots && s.failed === 0),
    dashboards_served_without_leader: dashDuring.some((d) => d.ok),
    write_refusals_are_503_retry_after: refusals.every((p) => p.status === 503 && p.retryAfter),
    kill_switch_within_2s:
      propagation.every((p) => p.seconds_after_leader_returned !== null && p.seconds_after_leader_returned <= 2) &&
      sdkProp !== null &&
      sdkProp <= 2,
  };
  Object.assign(out, {
    events: {
      sent: EVENTS,
      stored: counts.n,
      distinct_ids: counts.distinct_ids,
      total_usd: counts.total,
      expected_total_usd: expectedTotal,
    },
    sdk: { stats: clients.map((c) => c.stats()), errors_seen: sdkErrors.length, first_errors: sdkErrors.slice(0, 3) },
    faults: {
      killed_primary: fault.killed_node,
      primary_killed_at_s: leaderLostAt ? (leaderLostAt - t0) / 1000 : null,
      leader_back_after_s: back && leaderLostAt ? (back - leaderLostAt) / 1000 : null,
      patroni_promoted_after_s: promoted && leaderLostAt ? (promoted - leaderLostAt) / 1000 : null,
      app_killed_at_s: (killedAppAt - t0) / 1000,
    },
    write_unavailability_seconds: +(longestGap / 1000).toFixed(2),
    write_probes: {
      total: probes.length,
      ok: probes.filter((p) => p.ok).length,
      statuses: writeStatuses,
      refusals_with_retry_after: refusals.filter((p) => p.retryAfter).length,
    },
    dashboard_availability_percent: dash.total ? +((100 * dash.ok) / dash.total).toFixed(2) : null,
    dashboard_reads: dash,
    dashboard_reads_without_leader: {
      total: dashDuring.length,
      ok: dashDuring.filter((d) => d.ok).length,
      percent: dashDuring.length ? +((100 * dashDuring.filter((d) => d.ok).length) / dashDuring.length).toFixed(2) : null,
    },
    kill_switch: {
      accepted_after_leader_returned_s: accepted && back ? (accepted - back) / 1000 : null,
      instances: propagation,
      sdk_seconds_after_leader_returned: sdkProp,
    },
    webhooks: {
      deliveries: deliveries.length,
      delivered: delivered.length,
      received_ids: received.size,
      delivered_twice: twice,
      lost,
      not_delivered: notDelivered,
    },
    scheduled_jobs: slots,
    rollups_verify: (verify.stdout + verify.stderr).trim().split("\n").slice(-3).join(" | "),
    load_seconds: +((Date.now() - loadStart) / 1000).toFixed(1),
    checks,
  });
  receiver.close();
  return Object.values(checks).every(Boolean);
}

void main();
