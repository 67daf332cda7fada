import { beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { chatEvent as ev } from "../helpers/chat-event";
import { db } from "../../lib/db";
import { ingestEvents } from "../../lib/ingestion/ingest-events";
import { rebuildRollups } from "../../lib/rollups/rebuild-rollups";
import { verifyRollups } from "../../lib/rollups/verify-rollups";
import { addMonths, monthOf, monthStartUtc } from "../../lib/storage/partitions";
import { dropExpiredPartitions, rawEventsCompleteFrom, setRetention } from "../../lib/storage/retention";

/**
 * After retention drops a month partition, the rollups are the only record of that month:
 * a full `rollups rebuild` must not wipe them, and `rollups verify` must not report them
 * (decision 015). Own database: dropping a month needs every organisation in it to agree.
 */
useTestDatabase();

const SYSTEM = { userId: null, apiKeyId: null };
const NOW = new Date();
const THIS = monthOf(NOW);
const at = (monthsBack: number, day: number, hour = 10) =>
  `${addMonths(THIS, -monthsBack)}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;

let org = "";
beforeAll(async () => {
  org = (await db().organization.create({ data: { slug: "ret-rollups", name: "Retention and rollups" } })).id;
});

const dailyBefore = async (cutoff: Date) => {
  const r = await db().dailyRollup.aggregate({
    where: { organizationId: org, day: { lt: cutoff } },
    _sum: { events: true, costUsd: true },
  });
  return { events: r._sum.events ?? 0, cost: r._sum.costUsd?.toString() ?? "0" };
};
const interaction = (key: string) =>
  db().interactionRollup.findFirst({
    where: { organizationId: org, interactionKey: key },
    select: { events: true, costUsd: true, firstAt: true },
  });
const tenant = (id: string) =>
  db().tenant.findFirst({
    where: { organizationId: org, externalId: id },
    select: { firstEventAt: true, windowEvents: true, windowCostUsd: true },
  });

test("a dropped month's rollups survive a full rebuild; verify covers only complete raw events", async () => {
  // month -4: a session that continues into this month, a tenant's first events, a task, users
  await ingestEvents(org, [
    ev("o1", at(4, 10), { session_id: "long", tenant: { id: "t-old", tier: "free" }, user_id: "u1", task_id: "task-old" }),
    ev("o2", at(4, 11), { session_id: "short", user_id: "u2" }),
    ev("o3", at(4, 12), { tenant: { id: "t-old", tier: "free" }, cost_usd: "1.5" }),
  ]);
  // this month: the long session's last event, a new session, a new tenant
  await ingestEvents(org, [
    ev("n1", at(0, 1, 0), { session_id: "long", tenant: { id: "t-old", tier: "free" }, user_id: "u1", task_id: "task-old" }),
    ev("n2", at(0, 1, 1), { session_id: "fresh", tenant: { id: "t-new", tier: "pro" }, user_id: "u3", task_id: "task-new" }),
  ]);
  expect(await verifyRollups(org)).toEqual([]);

  await setRetention(org, 2, SYSTEM);
  const { dropped } = await dropExpiredPartitions(NOW);
  expect(dropped.map((d) => d.month)).toContain(addMonths(THIS, -4));
  const cutoff = await rawEventsCompleteFrom(org);
  expect(cutoff?.toISOString()).toBe(monthStartUtc(addMonths(THIS, -2)).toISOString());

  const before = {
    daily: await dailyBefore(cutoff!),
    long: await interaction("long"),
    short: await interaction("short"),
    tOld: await tenant("t-old"),
  };
  expect(before.daily).toEqual({ events: 3, cost: "2" });
  expect(before.long?.events).toBe(2);

  // what the dropped month left behind is not a difference
  expect(await verifyRollups(org)).toEqual([]);

  // a damaged rollup after the cutoff is still found and repaired by a rebuild
  await db().dailyRollup.deleteMany({ where: { organizationId: org, day: { gte: cutoff! } } });
  await db().interactionRollup.deleteMany({ where: { organizationId: org, interactionKey: "fresh" } });
  const diffs = await verifyRollups(org);
  expect(diffs.map((d) => d.table)).toEqual(expect.arrayContaining(["DailyRollup", "InteractionRollup"]));

  await rebuildRollups(org);

  // the dropped month's rollups are as they were; the interaction and tenant that began in it too
  expect(await dailyBefore(cutoff!)).toEqual(before.daily);
  expect(await interaction("long")).toEqual(before.long);
  expect(await interaction("short")).toEqual(before.short);
  expect(await tenant("t-old")).toEqual(before.tOld);
  // and everything from the cutoff on is rebuilt from the raw events
  const after = await db().dailyRollup.aggregate({ where: { organizationId: org, day: { gte: cutoff! } }, _sum: { events: true } });
  expect(after._sum.events).toBe(2);
  expect((await interaction("fresh"))?.events).toBe(1);
  expect((await tenant("t-new"))?.windowEvents).toBe(1);
  expect(await verifyRollups(org)).toEqual([]);
});
