import { db, Prisma } from "../db";
import { sqlIdent } from "../db/ident";
import { env } from "../env";
import { runtimeSlot } from "../runtime";

/**
 * Monthly range partitions of CostEvent (decision 015). There is no DEFAULT partition: a row
 * lands only in the partition of its month, which the app creates ahead of time (server start:
 * last month to two months ahead) or on demand when a batch carries a month that has none
 * (a backfill). Months dropped by retention are never re-created: events dated in them are
 * refused, because their ids left CostEventKey with the partition and could count twice.
 */

/** "YYYY-MM" of a UTC date. */
export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

export function monthStartUtc(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

export function addMonths(month: string, n: number): string {
  const d = monthStartUtc(month);
  return monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/** A month partition's table name, "CostEvent_YYYY_MM". */
export type PartitionName = `CostEvent_${number}_${number}`;

/** The partition of a "YYYY-MM" month (anything else is refused: the name is spliced into SQL). */
export function partitionName(month: string): PartitionName {
  if (!MONTH.test(month)) throw new Error(`not a month: ${month}`);
  return `CostEvent_${month.replace("-", "_")}` as PartitionName;
}

const MONTH = /^\d{4}-\d{2}$/;

const PARTITION_LOCK_NS = 7302;

// The months known to have a partition, per database: one process may switch databases
// (tests, bench:dashboard loading two sizes), and a month known in one is not made in another.
const partitionsSlot = runtimeSlot<Map<string, Set<string>>>("Partitions");
function known(): Set<string> {
  const e = env();
  const database = e.DATABASE_URL ?? `pglite:${e.SPENDLINE_DATA_DIR}`;
  const byDatabase = (partitionsSlot.value ??= new Map());
  let months = byDatabase.get(database);
  if (!months) byDatabase.set(database, (months = new Set()));
  return months;
}

/** Forget the cached partition list (another process may have dropped one). */
export function forgetPartitionCache(): void {
  partitionsSlot.value = undefined;
}

export type EventPartition = { name: string; month: string };

type Client = Pick<ReturnType<typeof db>, "$queryRaw">;

async function partitionNames(client: Client = db()): Promise<string[]> {
  const rows = await client.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'CostEvent' AND p.relnamespace = current_schema()::regnamespace
    ORDER BY c.relname`;
  return rows.map((r) => r.name);
}

/** The existing monthly partitions of CostEvent, oldest first. */
export async function listEventPartitions(): Promise<EventPartition[]> {
  return (await partitionNames())
    .map((name) => ({ name, month: name.slice("CostEvent_".length).replace("_", "-") }))
    .filter((p) => /^\d{4}-\d{2}$/.test(p.month));
}

const DEFAULT_PARTITION = "CostEvent_default";

/**
 * The partitioning migration puts the events that existed before it into a DEFAULT partition
 * (a migration script cannot loop over months). This moves them into monthly partitions and
 * drops it, in one transaction; a no-op once done. Runs at `db:migrate`, at server start and
 * before the first partition is created.
 */
export async function adoptDefaultPartition(): Promise<number> {
  if (!(await partitionNames()).includes(DEFAULT_PARTITION)) return 0;
  const moved = await moveDefaultPartition();
  // the new partitions have no statistics yet: without them the planner guesses a few rows and
  // sorts a whole month for the Events list (4.5 s instead of 3 ms at 10M events, measured)
  if (moved > 0) await db().$executeRaw`ANALYZE "CostEvent"`;
  return moved;
}

function moveDefaultPartition(): Promise<number> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PARTITION_LOCK_NS}::int, 0)`;
      const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_class WHERE relname = ${DEFAULT_PARTITION} AND relnamespace = current_schema()::regnamespace`;
      if (n === 0) return 0; // another process did it meanwhile
      await tx.$executeRaw`ALTER TABLE "CostEvent" DETACH PARTITION ${sqlIdent(DEFAULT_PARTITION)}`;
      const months = await tx.$queryRaw<{ month: string }[]>`
        SELECT DISTINCT to_char("timestamp", 'YYYY-MM') AS month FROM "CostEvent_default"`;
      const existing = new Set((await partitionNames(tx)).filter((x) => x !== DEFAULT_PARTITION));
      for (const { month } of months) {
        if (!existing.has(partitionName(month))) await tx.$executeRaw(createPartitionSql(month));
      }
      const moved = await tx.$executeRaw`INSERT INTO "CostEvent" SELECT * FROM ${sqlIdent(DEFAULT_PARTITION)}`;
      await tx.$executeRaw`DROP TABLE ${sqlIdent(DEFAULT_PARTITION)}`;
      return moved;
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}

function createPartitionSql(month: string): Prisma.Sql {
  // DDL takes no parameters: the bounds are literals of a validated "YYYY-MM" (partitionName checks it)
  const name = sqlIdent(partitionName(month));
  const bound = (m: string) => Prisma.raw("'" + monthStartUtc(m).toISOString().slice(0, 10) + "'");
  return Prisma.sql`CREATE TABLE ${name} PARTITION OF "CostEvent" FOR VALUES FROM (${bound(month)}) TO (${bound(addMonths(month, 1))})`;
}

/**
 * Makes sure every month in `months` has its partition. Returns the months that were dropped
 * by retention (no partition will be created for them: the caller refuses their events).
 * Cheap when all months are known to this process (the common case: no query at all).
 */
export async function ensureEventPartitions(months: Iterable<string>): Promise<Set<string>> {
  const missing = [...new Set(months)].filter((m) => !known().has(m)).sort();
  const refused = new Set<string>();
  if (missing.length === 0) return refused;
  if ((await adoptDefaultPartition()) > 0) forgetPartitionCache();
  const existing = new Set((await listEventPartitions()).map((p) => p.month));
  const dropped = await droppedMonths(missing);
  for (const month of missing) {
    if (dropped.has(month)) {
      refused.add(month);
      continue;
    }
    if (!existing.has(month)) await createPartition(month);
    known().add(month);
  }
  return refused;
}

async function droppedMonths(months: string[]): Promise<Set<string>> {
  const rows = await db().$queryRaw<{ month: string }[]>`
    SELECT to_char(month, 'YYYY-MM') AS month FROM "DroppedEventMonth"
    WHERE month = ANY(${months.map((m) => `${m}-01`)}::date[])`;
  return new Set(rows.map((r) => r.month));
}

/** One process at a time per month (advisory lock), and only if still absent and not dropped. */
async function createPartition(month: string): Promise<void> {
  const name = partitionName(month);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PARTITION_LOCK_NS}::int, hashtext(${month}))`;
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_class WHERE relname = ${name} AND relnamespace = current_schema()::regnamespace`;
    if (n > 0) return;
    await tx.$executeRaw(createPartitionSql(month));
  });
}

/** At server start: last month, this month and the next two exist before any event needs them. */
export async function ensureUpcomingPartitions(now = new Date()): Promise<void> {
  const m = monthOf(now);
  await ensureEventPartitions([-1, 0, 1, 2].map((k) => addMonths(m, k)));
}

/** True when PostgreSQL reports that no partition accepts a row (a partition dropped meanwhile). */
export function isNoPartitionError(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ""} ${JSON.stringify((err as { meta?: unknown })?.meta ?? "")}`;
  return /no partition of relation/i.test(text);
}
