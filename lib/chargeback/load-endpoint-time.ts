import "server-only";
import { dbRead, Prisma } from "../db";
import type { TimeAllocationRule } from "../pricing/time-prices";
import {
  allocateEndpointTime,
  timeSegments,
  type EndpointTimeInput,
  type ServedGroup,
  type TimeRule,
  type TimeSegment,
} from "./endpoint-time";

/**
 * The month's time-priced endpoints (decision 057): running windows overlapping [from, to), the
 * price-book `time` rules in force, and the calls each piece of a window served, read from raw
 * events (the rollups have no hour: a window is rarely a whole day). A month past raw-event
 * retention therefore charges its windows as idle; close months before retention drops them.
 */
export async function loadEndpointTime(organizationId: string, from: Date, to: Date): Promise<EndpointTimeInput[]> {
  const windows = await dbRead().endpointWindow.findMany({
    where: { organizationId, startedAt: { lt: to }, endedAt: { gt: from } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  if (windows.length === 0) return [];
  const rules = await dbRead().priceOverride.findMany({
    where: {
      organizationId,
      kind: "time",
      deletedAt: null,
      effectiveFrom: { lt: to },
      OR: [{ effectiveTo: null }, { effectiveTo: { gt: from } }],
    },
  });
  const timeRules: TimeRule[] = rules
    .filter((r) => r.perHourUsd !== null && (r.allocationRule === "tokens" || r.allocationRule === "requests"))
    .map((r) => ({
      id: r.id,
      provider: r.provider,
      model: r.model,
      perHourUsd: r.perHourUsd!.toFixed(),
      allocationRule: r.allocationRule as TimeAllocationRule,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
    }));
  const { segments, unpriced } = timeSegments(windows, timeRules, from, to);
  const pieces = [];
  // one small grouped query per piece (windows per month are few); sequential to spare the pool
  for (const segment of segments) pieces.push({ segment, calls: await servedCalls(organizationId, segment) });
  return allocateEndpointTime(pieces, unpriced);
}

async function servedCalls(organizationId: string, s: TimeSegment): Promise<ServedGroup[]> {
  const provider = s.window.provider === null ? Prisma.empty : Prisma.sql`AND "provider" = ${s.window.provider}`;
  const rows = await dbRead().$queryRaw<{ team: string; feature: string; tokens: string; requests: bigint }[]>(Prisma.sql`
    SELECT "team", "feature", SUM("inputTokens"::bigint + "outputTokens"::bigint)::text AS tokens, COUNT(*)::bigint AS requests
    FROM "CostEvent"
    WHERE "organizationId" = ${organizationId} AND "model" = ${s.window.model} ${provider}
      AND "timestamp" >= ${s.from} AND "timestamp" < ${s.to}
    GROUP BY "team", "feature"
    ORDER BY "team", "feature"`);
  return rows.map((r) => ({ team: r.team, feature: r.feature, tokens: BigInt(r.tokens), requests: Number(r.requests) }));
}
