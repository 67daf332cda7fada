import "server-only";
import { z } from "zod";
import { dbRead, Prisma } from "../db";
import { parseUsd, type Pico } from "../money";
import { eventsQuerySchema } from "./schemas";
import { periodPastRetention, retentionOf } from "../storage/retention";
import type { StoredPriceLine } from "../pricing/price-lines";

/**
 * The Events page and GET /api/v1/events: raw events, newest first, keyset-paginated (a page
 * costs the same at any depth), filters that map to indexed columns. Totals come from the
 * daily rollups (events, cost, unpriced, mean ingestion delay), never a scan of raw events.
 */
/** The query schema lives with the other ingestion schemas (the API contract reads it without the database). */
export { eventsQuerySchema };
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

export type EventListRow = {
  eventId: string;
  timestamp: Date;
  receivedAt: Date;
  feature: string;
  team: string;
  environment: string;
  tenantId: string | null;
  tenantTier: string | null;
  sessionId: string | null;
  provider: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  cost: string;
  catalogCost: string | null;
  costSource: string;
  unpriced: boolean;
  outcome: string;
  source: string;
  latencyMs: number | null;
  usageMissing: boolean;
  serviceTier: string | null;
  /** stored price lines (lib/pricing/price-lines.ts), null when the cost is tokens at standard rates */
  priceLines: StoredPriceLine[] | null;
  margin: string | null;
};

function filters(organizationId: string, q: EventsQuery, rollup: boolean): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"organizationId" = ${organizationId}`];
  const ts = rollup ? Prisma.sql`day` : Prisma.sql`"timestamp"`;
  if (q.from) parts.push(Prisma.sql`${ts} >= ${new Date(`${q.from}T00:00:00Z`)}`);
  if (q.to) parts.push(Prisma.sql`${ts} < ${new Date(`${q.to}T00:00:00Z`)}`);
  if (q.feature) parts.push(Prisma.sql`feature = ${q.feature}`);
  if (q.team) parts.push(Prisma.sql`team = ${q.team}`);
  if (q.model) parts.push(Prisma.sql`model = ${q.model}`);
  if (q.environment) parts.push(Prisma.sql`environment = ${q.environment}`);
  if (q.tier) parts.push(rollup ? Prisma.sql`tier = ${q.tier}` : Prisma.sql`"tenantTier" = ${q.tier}`);
  if (!rollup) {
    if (q.source) parts.push(Prisma.sql`source = ${q.source}`);
    if (q.unpriced === "1") parts.push(Prisma.sql`unpriced`);
    if (q.unpriced === "0") parts.push(Prisma.sql`NOT unpriced`);
    if (q.id) parts.push(Prisma.sql`"eventId" = ${q.id}`);
  }
  return Prisma.join(parts, " AND ");
}

export function encodeCursor(r: { timestamp: Date; eventId: string }): string {
  return Buffer.from(JSON.stringify([r.timestamp.toISOString(), r.eventId])).toString("base64url");
}

function decodeCursor(c: string | undefined): { ts: Date; id: string } | null {
  if (!c) return null;
  try {
    const [ts, id] = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
    const d = new Date(ts);
    return typeof id === "string" && !Number.isNaN(d.getTime()) ? { ts: d, id } : null;
  } catch {
    return null;
  }
}

export async function listEvents(organizationId: string, q: EventsQuery, defaultLimit = 50) {
  const limit = q.limit ?? defaultLimit;
  const cur = decodeCursor(q.cursor);
  const page = cur ? Prisma.sql`AND ("timestamp", "eventId") < (${cur.ts}, ${cur.id})` : Prisma.empty;
  // raw events past the organisation's retention are not shown (their partition may be shared
  // with organisations that keep them longer); totals still include them (rollups are kept)
  const { months, keptFrom } = await retentionOf(organizationId);
  const kept = keptFrom ? Prisma.sql`AND "timestamp" >= ${keptFrom}` : Prisma.empty;
  const rows = await dbRead().$queryRaw<EventListRow[]>`
    SELECT "eventId", "timestamp", "receivedAt", feature, team, environment, "tenantId", "tenantTier", "sessionId",
      provider, model, "inputTokens", "outputTokens", "cachedInputTokens", "reasoningTokens",
      "costUsd"::text AS cost, "catalogCostUsd"::text AS "catalogCost", "costSource", unpriced, outcome, source, "latencyMs", "usageMissing",
      "serviceTier", "priceLines", "marginUsd"::text AS margin
    FROM "CostEvent" WHERE ${filters(organizationId, q, false)} ${page} ${kept}
    ORDER BY "timestamp" DESC, "eventId" DESC LIMIT ${limit + 1}`;
  const more = rows.length > limit;
  const list = more ? rows.slice(0, limit) : rows;
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : undefined;
  const retention = { months, keptFrom, pastRetention: periodPastRetention(keptFrom, from) };
  return { rows: list, nextCursor: more ? encodeCursor(list[list.length - 1]) : null, retention };
}

export type EventTotals = { events: number; cost: Pico; unpricedEvents: number; meanDelayMs: number | null };

export async function eventTotals(organizationId: string, q: EventsQuery): Promise<EventTotals> {
  const [r] = await dbRead().$queryRaw<{ events: bigint | null; cost: string | null; unpriced: bigint | null; delay: string | null }[]>`
    SELECT sum(events) AS events, sum("costUsd")::text AS cost, sum("unpricedEvents") AS unpriced,
      (sum("delayMsSum") / NULLIF(sum(events), 0))::text AS delay
    FROM "DailyRollup" WHERE ${filters(organizationId, q, true)}`;
  return {
    events: Number(r?.events ?? 0),
    cost: r?.cost ? parseUsd(r.cost) : 0n,
    unpricedEvents: Number(r?.unpriced ?? 0),
    meanDelayMs: r?.delay ? Math.round(Number(r.delay)) : null,
  };
}

/** Distinct values for the filter dropdowns (from rollups, bounded). */
export async function eventFilterOptions(organizationId: string) {
  const rows = await dbRead().$queryRaw<{ kind: string; value: string }[]>`
    (SELECT DISTINCT 'feature' AS kind, feature AS value FROM "DailyRollup" WHERE "organizationId" = ${organizationId} LIMIT 200)
    UNION ALL (SELECT DISTINCT 'team', team FROM "DailyRollup" WHERE "organizationId" = ${organizationId} LIMIT 200)
    UNION ALL (SELECT DISTINCT 'model', model FROM "DailyRollup" WHERE "organizationId" = ${organizationId} LIMIT 200)
    UNION ALL (SELECT DISTINCT 'tier', tier FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND tier <> '' LIMIT 100)`;
  const pick = (k: string) =>
    rows
      .filter((r) => r.kind === k)
      .map((r) => r.value)
      .sort();
  return { features: pick("feature"), teams: pick("team"), models: pick("model"), tiers: pick("tier") };
}
