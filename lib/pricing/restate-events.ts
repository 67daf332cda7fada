import "server-only";
import { db, Prisma } from "../db";
import { isEmbeddedDatabase } from "../env";
import type { Actor } from "../audit/actor";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { ROLLUP_LOCK_NS } from "../rollups/definition";
import { rebuildRollups } from "../rollups/rebuild-rollups";
import { getRates } from "./catalog-rates";
import { loadOverrides } from "./load-overrides";
import { rawEventsCompleteFrom } from "../storage/retention";
import { priceEvent, unitsFromLines } from "./price-event";
import { linesFromStored, linesToStored, type StoredPriceLine } from "./price-lines";
import type { ServiceTier } from "./service-tiers";
import { HOUR_MS } from "../time";

/**
 * Restatement: after a price-book change that reaches back in time, re-price the affected
 * events (model in `models`, timestamp in [from, to)) and rebuild the rollups they feed.
 * Events in a CLOSED chargeback month are left alone (SPEC: restated only on explicit reopen).
 * Events that came with cost_usd keep the caller's figure; only their catalog figure moves.
 *
 * Runs as a durable job (lib/jobs: once across instances, retried after a crash; the
 * BackgroundJob row is what the UI shows), in ONE transaction holding the
 * organisation's exclusive rollup lock (ingest batches for that organisation wait), so the
 * rollups are never seen half-restated. Progress is written outside the transaction
 * (PostgreSQL); on embedded PGlite (one connection) it appears at the end.
 */
export type RestatementParams = { models: string[]; from: string; to: string };

export type RestatementSummary = {
  events_examined: number;
  events_changed: number;
  cost_before_usd: string;
  cost_after_usd: string;
  delta_usd: string;
  closed_months_skipped: string[];
  by_feature: { feature: string; model: string; events_changed: number; delta_usd: string }[];
};

const CHUNK = 2000;

export async function startRestatement(organizationId: string, range: { models: string[]; from: Date; to: Date }, actor: Actor) {
  const params: RestatementParams = { models: range.models, from: range.from.toISOString(), to: range.to.toISOString() };
  const job = await db().backgroundJob.create({
    data: { organizationId, kind: "restatement", status: "queued", params, createdById: actor.userId ?? null },
  });
  // the durable queue runs it in one instance, and again after a crash (lib/jobs, decision 035)
  const { enqueue } = await import("../jobs/queue");
  await enqueue("restatement", { organizationId, jobId: job.id }, { key: job.id });
  return job;
}

/** Waiters for jobs this process runs (tests): resolved when the handler finishes here. */
const waiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();

function waiter(jobId: string) {
  let w = waiters.get(jobId);
  if (!w) {
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    w = { promise, resolve };
    waiters.set(jobId, w);
  }
  return w;
}

/**
 * Resolves when the job has finished: at once when its row says so, else when this process's
 * worker finishes it (tests run the worker in-process; no polling).
 */
export async function jobSettled(organizationId: string, jobId: string): Promise<void> {
  const w = waiter(jobId);
  const row = await db().backgroundJob.findUnique({
    where: { organizationId_id: { organizationId, id: jobId } },
    select: { status: true },
  });
  if (row && (row.status === "done" || row.status === "failed")) {
    waiters.delete(jobId);
    return;
  }
  await w.promise;
}

type EventRow = {
  eventId: string;
  timestamp: Date;
  provider: string | null;
  model: string;
  feature: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  cost: string;
  catalogCost: string | null;
  costSource: string;
  serviceTier: ServiceTier | null;
  priceLines: StoredPriceLine[] | null;
  margin: string | null;
};

/**
 * The organisation of a restatement job queued before its payload named it (jobs enqueued by the
 * previous version during an upgrade): the one lookup of a BackgroundJob by id alone.
 */
export async function organizationOfJob(jobId: string): Promise<string> {
  const row = await db().backgroundJob.findFirst({ where: { id: jobId }, select: { organizationId: true } });
  if (!row) throw new Error(`restatement job ${jobId} not found`);
  return row.organizationId;
}

/** The queue's handler (lib/workers/handlers.ts). Throws on failure, after marking the row failed, so the queue retries it. */
export async function runRestatement(organizationId: string, jobId: string): Promise<void> {
  try {
    await restate(organizationId, jobId);
  } finally {
    waiter(jobId).resolve();
    waiters.delete(jobId);
  }
}

async function restate(org: string, jobId: string): Promise<void> {
  const key = { organizationId_id: { organizationId: org, id: jobId } };
  const job = await db().backgroundJob.findUniqueOrThrow({ where: key });
  const p = job.params as RestatementParams;
  // raw events past retention are gone (or hidden): restating there would rebuild rollups from nothing
  const keptFrom = await rawEventsCompleteFrom(org);
  const from = keptFrom && keptFrom > new Date(p.from) ? keptFrom : new Date(p.from);
  const to = new Date(Math.max(new Date(p.to).getTime(), from.getTime()));
  try {
    const closed = (
      await db().chargebackPeriod.findMany({ where: { organizationId: org, status: "closed" }, select: { month: true } })
    ).map((c) => c.month);
    const models = await eventModelsFor(org, p.models, from, to);
    const where = Prisma.sql`"organizationId" = ${org} AND model = ANY(${models}::text[])
      AND "timestamp" >= ${from} AND "timestamp" < ${to}
      AND to_char("timestamp", 'YYYY-MM') <> ALL(${closed}::text[])`;
    const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "CostEvent" WHERE ${where}`;
    await db().backgroundJob.update({ where: key, data: { status: "running", startedAt: new Date(), total: Number(n) } });
    const overrides = await loadOverrides(org);
    const embedded = isEmbeddedDatabase();
    let processed = 0;
    let changed = 0;
    let before = 0n;
    let after = 0n;
    const byFeature = new Map<string, { feature: string; model: string; events: number; delta: bigint }>();

    await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_NS}::int, hashtext(${org}))`;
        let cursor: { ts: Date; id: string } | null = null;
        let touched = false;
        for (;;) {
          const after_: Prisma.Sql = cursor ? Prisma.sql`AND ("timestamp", "eventId") > (${cursor.ts}, ${cursor.id})` : Prisma.empty;
          const rows: EventRow[] = await tx.$queryRaw<EventRow[]>`
            SELECT "eventId", "timestamp", provider, model, feature, "inputTokens", "outputTokens", "cachedInputTokens",
              "cacheWriteTokens", "costUsd"::text AS cost, "catalogCostUsd"::text AS "catalogCost", "costSource",
              "serviceTier", "priceLines", "marginUsd"::text AS margin
            FROM "CostEvent" WHERE ${where} ${after_}
            ORDER BY "timestamp", "eventId" LIMIT ${CHUNK}`;
          if (rows.length === 0) break;
          const updates = [];
          for (const r of rows) {
            const caller = r.costSource === "caller";
            const oldLines = r.priceLines ? linesFromStored(r.priceLines) : null;
            const units = unitsFromLines(oldLines);
            const priced = priceEvent({ ...r, units, costUsd: caller ? r.cost : null }, overrides);
            const oldCost = parseUsd(r.cost);
            const oldCatalog = r.catalogCost === null ? null : parseUsd(r.catalogCost);
            const oldMargin = r.margin === null ? null : parseUsd(r.margin);
            const lines = priced.lines ? linesToStored(priced.lines) : null;
            before += oldCost;
            after += priced.costPico;
            if (
              priced.costPico !== oldCost ||
              priced.catalogCostPico !== oldCatalog ||
              priced.marginPico !== oldMargin ||
              // compared in one key order (jsonb reorders keys)
              JSON.stringify(lines) !== JSON.stringify(oldLines ? linesToStored(oldLines) : null) ||
              (!caller && priced.costSource !== r.costSource)
            ) {
              updates.push({
                eventId: r.eventId,
                costUsd: toDecimalString(priced.costPico),
                catalogCostUsd: priced.catalogCostPico === null ? null : toDecimalString(priced.catalogCostPico),
                costSource: priced.costSource,
                unpriced: priced.unpriced,
                priceLines: lines,
                marginUsd: priced.marginPico === null ? null : toDecimalString(priced.marginPico),
              });
              if (priced.costPico !== oldCost) {
                changed++;
                const k = `${r.feature}\u0000${r.model}`;
                const f = byFeature.get(k) ?? { feature: r.feature, model: r.model, events: 0, delta: 0n };
                f.events++;
                f.delta += priced.costPico - oldCost;
                byFeature.set(k, f);
              }
            }
          }
          if (updates.length) {
            touched = true;
            await tx.$executeRaw`
              UPDATE "CostEvent" c SET "costUsd" = u."costUsd", "catalogCostUsd" = u."catalogCostUsd",
                "costSource" = u."costSource", unpriced = u.unpriced, "priceLines" = u."priceLines", "marginUsd" = u."marginUsd"
              FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
                AS u("eventId" text, "costUsd" numeric, "catalogCostUsd" numeric, "costSource" text, unpriced boolean,
                  "priceLines" jsonb, "marginUsd" numeric)
              WHERE c."organizationId" = ${org} AND c."eventId" = u."eventId"`;
          }
          processed += rows.length;
          const last: EventRow = rows[rows.length - 1];
          cursor = { ts: last.timestamp, id: last.eventId };
          if (!embedded) await db().backgroundJob.update({ where: key, data: { processed } });
        }
        if (touched) await rebuildRollups(org, { from, to, models }, tx);
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );

    const summary: RestatementSummary = {
      events_examined: processed,
      events_changed: changed,
      cost_before_usd: formatUsd6(before),
      cost_after_usd: formatUsd6(after),
      delta_usd: formatUsd6(after - before),
      closed_months_skipped: closed.filter((m) => m >= p.from.slice(0, 7) && m <= p.to.slice(0, 7)).sort(),
      by_feature: [...byFeature.values()]
        .sort((a, b) => ((b.delta < 0n ? -b.delta : b.delta) > (a.delta < 0n ? -a.delta : a.delta) ? 1 : -1))
        .slice(0, 20)
        .map((f) => ({ feature: f.feature, model: f.model, events_changed: f.events, delta_usd: formatUsd6(f.delta) })),
    };
    await db().backgroundJob.update({
      where: key,
      data: { status: "done", processed, summary, finishedAt: new Date() },
    });
  } catch (err) {
    console.error(`restatement job ${jobId} failed:`, err);
    await db()
      .backgroundJob.update({
        where: key,
        data: { status: "failed", error: (err as Error).message.slice(0, 1000), finishedAt: new Date() },
      })
      .catch(() => {});
    throw err;
  }
}

/**
 * The model strings events carry that an override on `models` concerns: the names themselves
 * plus every event model whose catalog id is one of them (read from the daily rollups: bounded).
 */
async function eventModelsFor(org: string, models: string[], from: Date, to: Date): Promise<string[]> {
  const seen = await db().$queryRaw<{ model: string; provider: string }[]>`
    SELECT DISTINCT model, provider FROM "DailyRollup"
    WHERE "organizationId" = ${org} AND day >= ${from}::date AND day <= ${to}::date`;
  const out = new Set(models.filter((m) => m !== "*"));
  for (const r of seen) {
    // a rule on "*" (every model of a provider) concerns every model seen; pricing decides per event
    if (models.includes("*")) out.add(r.model);
    const c = getRates(r.provider || null, r.model, from);
    if (c && models.includes(c.model)) out.add(r.model);
  }
  return [...out];
}

export async function getJob(organizationId: string, id: string) {
  const j = await db().backgroundJob.findFirst({ where: { id, organizationId } });
  if (!j) return null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    total: j.total,
    processed: j.processed,
    progress: j.status === "done" ? 1 : j.total > 0 ? Math.min(1, j.processed / j.total) : 0,
    params: j.params,
    summary: j.summary,
    error: j.error,
    created_at: j.createdAt.toISOString(),
    started_at: j.startedAt?.toISOString() ?? null,
    finished_at: j.finishedAt?.toISOString() ?? null,
  };
}

/** The organisation's latest restatement job if it started within the last hour (still worth following on the price book), else null. */
export async function recentRestatementId(organizationId: string, now = Date.now()): Promise<string | null> {
  const job = await db().backgroundJob.findFirst({ where: { organizationId, kind: "restatement" }, orderBy: { createdAt: "desc" } });
  return job && now - job.createdAt.getTime() < HOUR_MS ? job.id : null;
}
