import { beforeAll, describe, expect, test } from "vitest";
import { resetEnvCache } from "../../lib/env";
import { db, dbRead } from "../../lib/db";
import { ingestEvents } from "../../lib/ingestion/ingest-events";
import { eventTotals, listEvents } from "../../lib/ingestion/list-events";
import { getOverview } from "../../lib/metrics/get-overview";
import { setRetention, retentionView } from "../../lib/storage/retention";
import { startReplica, useReplicaEnv } from "../helpers/replica";

/**
 * DATABASE_READ_URL against a real streaming replica (started here: initdb + pg_basebackup -R).
 * When a replica cannot be started here its tests are skipped with the reason, and the run
 * fails (tests/helpers/skip-guard.ts) unless that is allowed for the run:
 * SPENDLINE_ALLOW_SKIPS="tests/storage/read-replica.test.ts" (not in tests/allowed-skips.ts: CI starts one).
 */
const started = await startReplica();
if (!started.ok) console.warn(`SKIPPED read-replica tests: could not start a PostgreSQL streaming replica: ${started.reason}`);

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `n` $0.01 chat events, one a minute back from now, ids `<prefix>-0`… */
const recentEvents = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: new Date(Date.now() - i * 60_000).toISOString(),
    feature: "chat",
    model: "gpt-4o-2024-05-13",
    provider: "openai",
    usage: { input_tokens: 100, output_tokens: 10 },
    cost_usd: "0.01",
  }));

describe.skipIf(!started.ok)("read replica (DATABASE_READ_URL)", () => {
  const r = started.ok ? started.replica : null;
  let org = "";

  useReplicaEnv(r);

  beforeAll(async () => {
    org = (await db().organization.create({ data: { slug: "replica", name: "Replica test" } })).id;
  });

  test("dbRead() reaches the replica, db() the primary", async () => {
    const recovery = async (c: typeof db) => (await c().$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0].r;
    expect(await recovery(db)).toBe(false);
    expect(await recovery(dbRead)).toBe(true);
    // the replica refuses writes: anything routed to it by mistake fails loudly
    await expect(dbRead().$executeRaw`CREATE TABLE nope (x int)`).rejects.toThrow(/read-only/);
  });

  test("events ingested on the primary are listed and totalled from the replica once replayed", async () => {
    const events = recentEvents("rep", 20);
    expect((await ingestEvents(org, events)).accepted).toBe(20);
    const page = await eventually(
      () => listEvents(org, {}, 50),
      (p) => p.rows.length === 20,
    );
    expect(page.rows.map((x) => x.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    const totals = await eventually(
      () => eventTotals(org, {}),
      (t) => t.events === 20,
    );
    expect(totals.events).toBe(20);
    expect(totals.cost).toBe(200_000_000_000n); // 20 × $0.01 in picodollars
    // the replica is a copy, not a cache: the primary has the same rows
    expect(await db().costEvent.count({ where: { organizationId: org } })).toBe(20);
  });

  test("a dashboard (overview) reads the replica: it lags while replay is paused, then catches up", async () => {
    const overviewEvents = async () => (await getOverview(org, {})).totals.events;
    expect(await eventually(overviewEvents, (n) => n === 20)).toBe(20);
    // hold the replica at this point: what the primary commits next is invisible to it
    await dbRead().$queryRaw`SELECT pg_wal_replay_pause()::text`;
    await eventually(
      async () => (await dbRead().$queryRaw<{ s: string }[]>`SELECT pg_get_wal_replay_pause_state() AS s`)[0].s,
      (s) => s === "paused",
    );
    try {
      const more = recentEvents("rep-late", 5);
      expect((await ingestEvents(org, more)).accepted).toBe(5);
      expect(await db().costEvent.count({ where: { organizationId: org } })).toBe(25);
      // the overview still shows the replica's 20 events (read from the primary it would say 25)
      expect(await overviewEvents()).toBe(20);
    } finally {
      await dbRead().$queryRaw`SELECT pg_wal_replay_resume()::text`;
    }
    expect(await eventually(overviewEvents, (n) => n === 25)).toBe(25);
    expect((await getOverview(org, {})).totals.total_cost_usd).toMatch(/^0\.25/);
  });

  test("a setting written by the caller is read back from the primary at once", async () => {
    await setRetention(org, 7, { userId: null, apiKeyId: null });
    expect((await retentionView(org)).raw_event_retention_months).toBe(7);
  });

  test("without DATABASE_READ_URL, dbRead() is the primary client", async () => {
    delete process.env.DATABASE_READ_URL;
    resetEnvCache();
    expect(dbRead()).toBe(db());
    process.env.DATABASE_READ_URL = r!.replicaUrl;
    resetEnvCache();
    expect(dbRead()).not.toBe(db());
  });
});
