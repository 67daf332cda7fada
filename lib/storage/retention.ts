import { db } from "../db";
import { sqlIdent } from "../db/ident";
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../audit/actor";
import { addMonths, forgetPartitionCache, listEventPartitions, monthOf, monthStartUtc, partitionName } from "./partitions";

/**
 * Raw-event retention (decision 015). Each organisation keeps its raw events for N months
 * (null: forever); rollups are kept forever. Partitions are shared by all organisations, so
 * a month's partition is dropped only when every organisation that has events in it is past
 * its retention for that month: dropping a month is a DROP TABLE, never a DELETE of events.
 * Until then, an organisation's events past its own retention are hidden from every raw-event
 * read (the Events page, restatements) — see `retentionOf`.
 */

/**
 * First month whose raw events are kept with `months` of retention at `now`: the current
 * month and the `months` full months before it. Null: everything is kept.
 */
export function firstKeptMonth(months: number | null, now: Date): string | null {
  return months === null ? null : addMonths(monthOf(now), -months);
}

export type Retention = {
  months: number | null;
  /** raw events before this instant are past retention (null: none are) */
  keptFrom: Date | null;
};

export async function retentionOf(organizationId: string, now = new Date()): Promise<Retention> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { rawEventRetentionMonths: true } });
  const first = firstKeptMonth(org.rawEventRetentionMonths, now);
  return { months: org.rawEventRetentionMonths, keptFrom: first ? monthStartUtc(first) : null };
}

/**
 * From when this organisation's raw events are complete, for anything that recomputes from
 * them (restatements, rollup rebuild/verify): its own retention, and every month partition
 * already dropped (a later, longer retention does not bring dropped months back). Null: all
 * raw events are there.
 */
export async function rawEventsCompleteFrom(organizationId: string, now = new Date()): Promise<Date | null> {
  const [r, last] = await Promise.all([
    retentionOf(organizationId, now),
    db().droppedEventMonth.findFirst({ orderBy: { month: "desc" }, select: { month: true } }),
  ]);
  const droppedUntil = last ? monthStartUtc(addMonths(monthOf(last.month), 1)) : null;
  if (!droppedUntil) return r.keptFrom;
  return !r.keptFrom || droppedUntil > r.keptFrom ? droppedUntil : r.keptFrom;
}

/** Whether [from, …) reaches before the raw events kept; `from` undefined means "all time". */
export function periodPastRetention(keptFrom: Date | null, from: Date | undefined): boolean {
  return keptFrom !== null && (from === undefined || from < keptFrom);
}

export async function setRetention(organizationId: string, months: number | null, actor: Actor) {
  const before = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { rawEventRetentionMonths: true } });
  await db().organization.update({ where: { id: organizationId }, data: { rawEventRetentionMonths: months } });
  await writeAudit({
    organizationId,
    actor,
    action: "retention.update",
    targetType: "Organization",
    targetId: organizationId,
    before,
    after: { rawEventRetentionMonths: months },
  });
  return retentionView(organizationId);
}

/** What the settings page and GET /api/v1/admin/retention show (dropped months apply to every organisation). */
export async function retentionView(organizationId: string, now = new Date()) {
  const r = await retentionOf(organizationId, now);
  const dropped = await db().droppedEventMonth.findMany({ orderBy: { month: "asc" } });
  return {
    raw_event_retention_months: r.months,
    raw_events_kept_from: r.keptFrom?.toISOString().slice(0, 10) ?? null,
    dropped_months: dropped.map((d) => ({ month: d.month.toISOString().slice(0, 7), dropped_at: d.droppedAt.toISOString() })),
  };
}

export type PartitionVerdict = { month: string; drop: boolean; reason: string };

/**
 * Which month partitions may be dropped at `now`: months before the current one where no
 * organisation still within its retention has an event (one index probe per such org).
 */
export async function planPartitionDrops(now = new Date()): Promise<PartitionVerdict[]> {
  const orgs = await db().organization.findMany({ select: { id: true, slug: true, rawEventRetentionMonths: true } });
  const current = monthOf(now);
  const out: PartitionVerdict[] = [];
  for (const p of await listEventPartitions()) {
    if (p.month >= current) continue;
    const from = monthStartUtc(p.month);
    const to = monthStartUtc(addMonths(p.month, 1));
    const keeping: string[] = [];
    for (const o of orgs) {
      const first = firstKeptMonth(o.rawEventRetentionMonths, now);
      if (first !== null && p.month < first) continue; // past this org's retention
      const [hit] = await db().$queryRaw<{ x: number }[]>`
        SELECT 1 AS x FROM ${sqlIdent(partitionName(p.month))} WHERE "organizationId" = ${o.id} AND "timestamp" >= ${from} AND "timestamp" < ${to} LIMIT 1`;
      if (hit)
        keeping.push(
          `${o.slug} (${o.rawEventRetentionMonths === null ? "keeps raw events forever" : `keeps ${o.rawEventRetentionMonths} months`})`,
        );
    }
    out.push(
      keeping.length
        ? { month: p.month, drop: false, reason: `still within the retention of ${keeping.join(", ")}` }
        : { month: p.month, drop: true, reason: "every organisation with events in it is past its retention" },
    );
  }
  return out;
}

/**
 * Drops every partition `planPartitionDrops` allows: records the month (so its events are
 * refused from now on), removes its ids from CostEventKey, and drops the table — one
 * transaction per month. Rollups are untouched.
 */
export async function dropExpiredPartitions(now = new Date(), opts: { dryRun?: boolean } = {}) {
  const plan = await planPartitionDrops(now);
  const dropped: { month: string; events: number }[] = [];
  if (!opts.dryRun) {
    for (const p of plan.filter((v) => v.drop)) {
      const name = partitionName(p.month);
      const from = monthStartUtc(p.month);
      const to = monthStartUtc(addMonths(p.month, 1));
      const events = await db().$transaction(
        async (tx) => {
          const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM ${sqlIdent(name)}`;
          await tx.droppedEventMonth.create({ data: { month: from, events: n } });
          await tx.$executeRaw`DELETE FROM "CostEventKey" WHERE "timestamp" >= ${from} AND "timestamp" < ${to}`;
          await tx.$executeRaw`DROP TABLE ${sqlIdent(name)}`;
          return Number(n);
        },
        { timeout: 3_600_000, maxWait: 60_000 },
      );
      dropped.push({ month: p.month, events });
    }
    if (dropped.length) forgetPartitionCache();
  }
  return { plan, dropped };
}
