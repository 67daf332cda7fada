import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { chatEvent as ev } from "../helpers/chat-event";
import { db } from "../../lib/db";
import { ingestEvents } from "../../lib/ingestion/ingest-events";
import { listEvents } from "../../lib/ingestion/list-events";
import {
  addMonths,
  adoptDefaultPartition,
  ensureEventPartitions,
  forgetPartitionCache,
  listEventPartitions,
  monthOf,
} from "../../lib/storage/partitions";
import { dropExpiredPartitions, firstKeptMonth, planPartitionDrops, setRetention } from "../../lib/storage/retention";
import { cliCommand } from "../../lib/core/cli-commands";
import "../../lib/storage/cli";

useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
const NOW = new Date();
const THIS = monthOf(NOW);
/**
 * an instant in the month `k` months before the current one: the 1st, 10:00 UTC, which for k = 0
 * is at most 10 hours ahead of now (ingestion accepts up to 7 days ahead). Mid-month was 14 days
 * ahead in the first week of a month, and those events were rejected.
 */
const monthsAgo = (k: number) => `${addMonths(THIS, -k)}-01T10:00:00Z`;

let a = "";
let b = "";
beforeAll(async () => {
  a = (await db().organization.create({ data: { slug: "ret-a", name: "Short retention" } })).id;
  b = (await db().organization.create({ data: { slug: "ret-b", name: "Keeps everything" } })).id;
});

const rollupTotal = async (org: string) =>
  (await db().dailyRollup.aggregate({ where: { organizationId: org }, _sum: { events: true } }))._sum.events ?? 0;

describe("monthly partitions", () => {
  test("a re-sent event id with a timestamp in another month still counts once", async () => {
    const first = await ingestEvents(a, [ev("dup-1", monthsAgo(1))]);
    const again = await ingestEvents(a, [ev("dup-1", monthsAgo(0)), ev("dup-1b", monthsAgo(0))]);
    expect(first).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await db().costEvent.count({ where: { organizationId: a, eventId: "dup-1" } })).toBe(1);
    expect(await db().costEventKey.count({ where: { organizationId: a } })).toBe(2);
  });

  test("concurrent batches with the same ids store each event once", async () => {
    const batch = Array.from({ length: 50 }, (_, i) => ev(`race-${i}`, monthsAgo(i % 3)));
    const res = await Promise.all([ingestEvents(b, batch), ingestEvents(b, batch), ingestEvents(b, batch)]);
    expect(res.reduce((n, r) => n + r.accepted, 0)).toBe(50);
    expect(await db().costEvent.count({ where: { organizationId: b, eventId: { startsWith: "race-" } } })).toBe(50);
  });

  test("a backfill into a month without a partition creates it; the event lands in it", async () => {
    const month = addMonths(THIS, -20);
    expect((await listEventPartitions()).map((p) => p.month)).not.toContain(month);
    expect(await ingestEvents(b, [ev("backfill-1", `${month}-03T00:00:00Z`)])).toMatchObject({ accepted: 1 });
    expect((await listEventPartitions()).map((p) => p.month)).toContain(month);
    const [row] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "CostEvent_${month.replace("-", "_")}"`);
    expect(row.n).toBe(1);
  });

  test("events in the DEFAULT partition left by the migration move into their month partitions", async () => {
    const month = addMonths(THIS, -30);
    await db().$executeRawUnsafe(`CREATE TABLE "CostEvent_default" PARTITION OF "CostEvent" DEFAULT`);
    await db().$executeRawUnsafe(
      `INSERT INTO "CostEvent" ("organizationId", "eventId", "timestamp", feature, team, model, "inputTokens", "outputTokens", "costUsd", "costSource")
       VALUES ($1, 'legacy-1', $2::timestamp, 'chat', 'unallocated', 'm', 1, 1, 0.5, 'caller')`,
      b,
      `${month}-10 00:00:00`,
    );
    expect(await adoptDefaultPartition()).toBe(1);
    const names = (
      await db().$queryRawUnsafe<{ relname: string }[]>(`SELECT relname FROM pg_class WHERE relname LIKE 'CostEvent\\_%'`)
    ).map((r) => r.relname);
    expect(names).not.toContain("CostEvent_default");
    expect(names).toContain(`CostEvent_${month.replace("-", "_")}`);
    expect(await db().costEvent.count({ where: { organizationId: b, eventId: "legacy-1" } })).toBe(1);
  });
});

describe("retention", () => {
  test("first kept month: the current month and the N before it", () => {
    expect(firstKeptMonth(null, new Date("2026-11-28T00:00:00Z"))).toBeNull();
    expect(firstKeptMonth(12, new Date("2026-11-28T00:00:00Z"))).toBe("2025-11");
    expect(firstKeptMonth(1, new Date("2026-01-01T00:00:00Z"))).toBe("2025-12");
  });

  test("a month is dropped only when every organisation with events in it is past retention; rollups stay", async () => {
    // A keeps 2 months; B keeps everything. Month -6 holds events of A and B, month -5 only of A.
    await ingestEvents(a, [ev("old-a6", monthsAgo(6)), ev("old-a5", monthsAgo(5)), ev("new-a0", monthsAgo(0))]);
    await ingestEvents(b, [ev("old-b6", monthsAgo(6))]);
    await setRetention(a, 2, SYSTEM);
    const totalA = await rollupTotal(a);

    const plan = await planPartitionDrops(NOW);
    const verdict = (k: number) => plan.find((p) => p.month === addMonths(THIS, -k));
    expect(verdict(6)).toMatchObject({ drop: false });
    expect(verdict(6)?.reason).toContain("ret-b");
    expect(verdict(5)).toMatchObject({ drop: true });
    expect(verdict(1)).toMatchObject({ drop: false }); // A still keeps month -1 (dup-1)

    const { dropped } = await dropExpiredPartitions(NOW);
    expect(dropped.map((d) => d.month)).toContain(addMonths(THIS, -5));
    expect((await listEventPartitions()).map((p) => p.month)).not.toContain(addMonths(THIS, -5));
    expect(await db().costEventKey.count({ where: { eventId: "old-a5" } })).toBe(0);
    expect(await db().droppedEventMonth.count()).toBeGreaterThan(0);
    // rollups are kept: dashboards still count the dropped events
    expect(await rollupTotal(a)).toBe(totalA);

    // A no longer lists month -6 (past its retention, though B keeps the partition); B still does
    const listA = await listEvents(a, {}, 100);
    expect(listA.rows.map((r) => r.eventId)).not.toContain("old-a6");
    expect(listA.rows.map((r) => r.eventId)).toContain("new-a0");
    expect(listA.retention.pastRetention).toBe(true);
    expect(listA.retention.keptFrom?.toISOString().slice(0, 7)).toBe(addMonths(THIS, -2));
    const listB = await listEvents(b, { from: `${addMonths(THIS, -6)}-01`, to: `${addMonths(THIS, -5)}-01` }, 100);
    expect(listB.rows.map((r) => r.eventId)).toContain("old-b6");
    expect(listB.retention.pastRetention).toBe(false);
  });

  test("events dated in a dropped month are refused with a reason, even after a restart of the cache", async () => {
    forgetPartitionCache();
    const month = addMonths(THIS, -5);
    const r = await ingestEvents(b, [ev("late-1", `${month}-20T00:00:00Z`), ev("ok-1", monthsAgo(0))]);
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([{ index: 0, id: "late-1", errors: [expect.stringContaining("past raw-event retention")] }]);
    expect(await ensureEventPartitions([month])).toEqual(new Set([month]));
  });

  test("a partition dropped by another process while this one cached it: its events are refused, the rest stored", async () => {
    const month = addMonths(THIS, -15);
    expect(await ingestEvents(b, [ev("x-1", `${month}-02T00:00:00Z`)])).toMatchObject({ accepted: 1 });
    // "another process": drop it behind this process's partition cache
    await db().droppedEventMonth.create({ data: { month: new Date(`${month}-01T00:00:00Z`), events: 1n } });
    await db().$executeRawUnsafe(`DROP TABLE "CostEvent_${month.replace("-", "_")}"`);
    const r = await ingestEvents(b, [ev("x-2", `${month}-03T00:00:00Z`), ev("x-3", monthsAgo(0))]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x) => x.id)).toEqual(["x-2"]);
  });

  test("CLI: retention set / run", async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    const cli = (name: string, values: Record<string, string | boolean>) => cliCommand(name)!.run({ values, positionals: [], io });
    await expect(cli("retention set", { org: "ret-b", months: "0" })).rejects.toThrow("--months must be a whole number from 1 to 120");
    await cli("retention set", { org: "ret-b", months: "3" });
    expect((await db().organization.findUniqueOrThrow({ where: { id: b } })).rawEventRetentionMonths).toBe(3);
    await cli("retention run", { "dry-run": true });
    expect(out.join("\n")).toContain(`${addMonths(THIS, -6)}: would drop`);
    expect((await listEventPartitions()).map((p) => p.month)).toContain(addMonths(THIS, -6));
    await cli("retention run", {});
    expect((await listEventPartitions()).map((p) => p.month)).not.toContain(addMonths(THIS, -6));
    expect(out.join("\n")).toContain(`Dropped ${addMonths(THIS, -6)}`);
  });
});
