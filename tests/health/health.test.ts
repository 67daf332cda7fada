import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { isEmbeddedDatabase } from "@/lib/env";
import { GET as live } from "@/app/api/health/live/route";
import { GET as readyRoute } from "@/app/api/health/ready/route";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { readPreferLeader } from "@/lib/db";
import { judge, pendingMigrations, readiness, type Probe, type ReadinessMode } from "@/lib/health/readiness";
import { drainAndClose, requestStarted } from "@/lib/health/shutdown";
import { logDecision } from "@/lib/guardrails/log-decision";
import { countIngested, metricsAllowed, observeRequest, scrape } from "@/lib/health/metrics";

useTestDatabase();

const ready = (q = "") => readyRoute(new Request(`http://test/api/health/ready${q}`));
/** A client whose server refuses connections (port 1 on loopback): a leader that is gone. */
const gone = () =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:1/x", connectionTimeoutMillis: 1000 }) });

describe("health endpoints", () => {
  test("ready: database reachable, every migration applied, leader writable", async () => {
    const res = await ready();
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.migrations.ok).toBe(true);
    expect(body.checks.leader.ok).toBe(true);
  });

  test("ready: a migration on disk that the database lacks → 503 naming it", async () => {
    const [last] = await db().$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last.name}`;
    try {
      const res = await ready();
      const body = await res.json();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(body.checks.migrations.detail).toContain(last.name);
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last.name}`;
    }
  });

  test("ready?for=read: the read database (here the primary) serves reads; no leader check", async () => {
    const res = await ready("?for=read");
    const body = await res.json();
    expect(res.status).toBe(200);
    // on the embedded database (the README's `npm test` on a fresh machine) the one process's database serves reads
    const detail = isEmbeddedDatabase() ? "embedded" : "primary: serves reads";
    expect(body).toMatchObject({ status: "ready", mode: "read", checks: { database: { ok: true, detail } } });
    expect(body.checks.leader).toBeUndefined();
  });

  test("ready?for=<other> → 400 naming the parameter", async () => {
    const res = await ready("?for=writes");
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: "for", message: 'must be "write" or "read" (got "writes")' }]);
  });

  test("an unreachable database: not ready in either mode, the connection error named", async () => {
    const c = gone();
    try {
      for (const mode of ["write", "read"] as const) {
        const r = await readiness(mode, c);
        expect(r.ready).toBe(false);
        expect(r.checks.database.ok).toBe(false);
        expect(r.checks.database.detail).toMatch(/reach database server at 127.0.0.1:1/);
      }
    } finally {
      await c.$disconnect();
    }
  });

  const reachable = (standby: boolean, applied = ["m1", "m2"]): Probe => ({ reachable: true, standby, applied });
  test.each<[string, ReadinessMode, boolean, Probe, boolean]>([
    ["write, writable primary", "write", false, reachable(false), true],
    ["write, a standby (no leader)", "write", false, reachable(true), false],
    ["write, unreachable", "write", false, { reachable: false, error: "ECONNREFUSED" }, false],
    ["read, a standby", "read", false, reachable(true), true],
    ["read, the primary", "read", false, reachable(false), true],
    ["read, unreachable", "read", false, { reachable: false, error: "ECONNREFUSED" }, false],
    ["read, a standby missing a migration", "read", false, reachable(true, ["m1"]), false],
    ["write, missing a migration", "write", false, reachable(false, ["m1"]), false],
    ["read while draining", "read", true, reachable(true), false],
    ["write while draining", "write", true, reachable(false), false],
  ])("judge: %s → ready %s", (_, mode, draining, probe, expected) => {
    const r = judge(mode, { draining, probe, shipped: ["m1", "m2"], embedded: false });
    expect(r.ready).toBe(expected);
    expect(r.mode).toBe(mode);
    expect("leader" in r.checks).toBe(mode === "write");
  });

  test("readPreferLeader: the leader's answer when it answers; the replica's only when the leader is unreachable", async () => {
    const asked: string[] = [];
    const up = db();
    const dead = gone();
    const name = (c: PrismaClient) => (c === up ? "up" : "dead");
    const which = async (c: PrismaClient) => {
      asked.push(name(c));
      return (await c.$queryRaw<{ one: number }[]>`SELECT 1 AS one`)[0].one;
    };
    try {
      expect(await readPreferLeader(which, { leader: up, replica: dead })).toBe(1);
      expect(asked).toEqual(["up"]);
      asked.length = 0;
      expect(await readPreferLeader(which, { leader: dead, replica: up })).toBe(1);
      expect(asked).toEqual(["dead", "up"]);
      // no replica configured: the outage is the caller's (503 at the API edge)
      await expect(readPreferLeader(which, { leader: dead, replica: null })).rejects.toThrow(/reach database server/);
      // a real error is not hidden behind the replica
      asked.length = 0;
      const broken = async (c: PrismaClient) => {
        asked.push(name(c));
        return await c.$queryRaw`SELECT * FROM no_such_table`;
      };
      await expect(readPreferLeader(broken, { leader: up, replica: up })).rejects.toThrow(/no_such_table/);
      expect(asked).toEqual(["up"]);
    } finally {
      await dead.$disconnect();
    }
  });

  test("pendingMigrations: shipped but not applied, in order", () => {
    expect(pendingMigrations(["a", "b", "c"], ["a", "c", "z"])).toEqual(["b"]);
    expect(pendingMigrations(["a"], ["a"])).toEqual([]);
  });

  test("metrics: a token requires the exact bearer; without one only the loopback listener serves", () => {
    const token = "0123456789abcdef0123";
    expect(metricsAllowed({ token, authorization: `Bearer ${token}`, loopbackListener: false })).toBe(true);
    expect(metricsAllowed({ token, authorization: `Bearer ${token}x`, loopbackListener: false })).toBe(false);
    expect(metricsAllowed({ token, authorization: null, loopbackListener: true })).toBe(false);
    expect(metricsAllowed({ token: undefined, authorization: null, loopbackListener: false })).toBe(false);
    expect(metricsAllowed({ token: undefined, authorization: null, loopbackListener: true })).toBe(true);
  });
});

describe("metrics", () => {
  test("the exposition has request latency per route, ingest counts, queue depth per queue, snapshot age and pool use", async () => {
    const done = observeRequest("POST", "/api/v1/events");
    done(503);
    countIngested({ accepted: 7, duplicates: 2, rejected: [] });
    const { body, contentType } = await scrape();
    expect(contentType).toMatch(/text\/plain/);
    expect(body).toMatch(/spendline_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/events",status="503"\} 1/);
    expect(body).toMatch(/spendline_ingest_errors_total\{status="503"\} 1/);
    expect(body).toMatch(/spendline_ingest_events_total\{outcome="accepted"\} 7/);
    expect(body).toMatch(/spendline_jobs_waiting\{queue="restatement"\} \d+/);
    expect(body).toMatch(/spendline_jobs_oldest_waiting_seconds\{queue="webhooks-deliver"\}/);
    expect(body).toMatch(/spendline_guardrail_snapshot_age_seconds\{stat="max"\}/);
    expect(body).toMatch(/spendline_http_requests_in_flight 0/);
  });
});

describe("graceful shutdown", () => {
  test("draining: not ready at once, waits for the request in flight, flushes buffered guardrail decisions, closes", async () => {
    const org = await db().organization.create({ data: { slug: "drain", name: "Drain" } });
    logDecision({
      organizationId: org.id,
      feature: "chat",
      tenantId: null,
      tier: null,
      model: "gpt-4o",
      decision: "block",
      fallbackModel: null,
      reason: "kill switch",
    });
    const finish = requestStarted();
    let finishedAt = 0;
    setTimeout(() => {
      finishedAt = Date.now();
      finish();
    }, 400);
    const drained = drainAndClose({ drainDelayMs: 50, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    const during = await ready();
    expect(during.status).toBe(503);
    expect((await during.json()).checks.draining.ok).toBe(false);
    expect((await live()).status).toBe(200);
    const { steps, inflightAtEnd } = await drained;
    expect(finishedAt).toBeGreaterThan(0);
    expect(inflightAtEnd).toBe(0);
    expect(steps).toEqual(["not-ready", "drained (0 still in flight)", "jobs stopped", "decisions flushed", "database closed"]);
    // the buffered decision was written before the pools closed
    expect(await db().guardrailDecision.count({ where: { organizationId: org.id } })).toBe(1);
  });
});
