import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { pendingMigrations } from "@/lib/health/readiness";
import { drainAndClose, requestStarted } from "@/lib/health/shutdown";
import { logDecision } from "@/lib/guardrails/log-decision";
import { countIngested, metricsAllowed, observeRequest, scrape } from "@/lib/health/metrics";

useTestDatabase();

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
