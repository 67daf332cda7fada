import "server-only";
import { dbRead, Prisma } from "../db";

/**
 * What the opportunity estimates read, all bounded independently of the event count:
 * DailyRollup groups (days × features × models), and for the costliest features a sample of
 * their latest ≤ 20,000 events in the window through the (organisation, feature, timestamp)
 * index (docs/decisions/025): output-token distribution, largest request, unattended share.
 */
export const SAMPLE_EVENTS = 20_000;
export const SAMPLED_FEATURES = 12;

export type GroupRow = {
  day: string;
  feature: string;
  team: string;
  provider: string;
  model: string;
  events: number;
  cost: string;
  input: string;
  output: string;
  cached: string;
  write: string;
};

export type ModelQuality = {
  feature: string;
  model: string;
  provider: string;
  events: number;
  successes: number;
  failures: number;
  correct_true: number;
  correct_set: number;
};

export type FeatureSample = { feature: string; outputs: number[]; maxInput: number; unattended: number; size: number };

export async function loadGroups(organizationId: string, from: string, to: string) {
  return dbRead().$queryRaw<GroupRow[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.feature, d.team, d.provider, d.model, sum(d.events)::int AS events,
      sum(d."costUsd")::text AS cost, sum(d."inputTokens")::text AS input, sum(d."outputTokens")::text AS output,
      sum(d."cachedInputTokens")::text AS cached, sum(d."cacheWriteTokens")::text AS write
    FROM "DailyRollup" d
    WHERE d."organizationId" = ${organizationId} AND d.day >= ${from}::date AND d.day < ${to}::date
    GROUP BY 1, 2, 3, 4, 5`;
}

/** Outcomes per (feature, model) across every tenant of the window: the quality evidence. */
export async function loadModelQuality(organizationId: string, from: string, to: string) {
  return dbRead().$queryRaw<ModelQuality[]>`
    SELECT d.feature, d.model, max(d.provider) AS provider, sum(d.events)::int AS events, sum(d.successes)::int AS successes,
      sum(d.failures)::int AS failures, sum(d."correctTrue")::int AS correct_true, sum(d."correctSet")::int AS correct_set
    FROM "DailyRollup" d
    WHERE d."organizationId" = ${organizationId} AND d.day >= ${from}::date AND d.day < ${to}::date
    GROUP BY 1, 2 ORDER BY sum(d.events) DESC LIMIT 2000`;
}

/** The latest ≤ SAMPLE_EVENTS events of each feature in [from, to): one index range scan each. */
export async function loadSamples(
  organizationId: string,
  features: string[],
  from: string,
  to: string,
): Promise<Map<string, FeatureSample>> {
  const out = new Map<string, FeatureSample>();
  for (const feature of features.slice(0, SAMPLED_FEATURES)) {
    const rows = await dbRead().$queryRaw<{ o: number; i: number; u: boolean }[]>`
      SELECT e."outputTokens" AS o, e."inputTokens" AS i, (e."userId" IS NULL AND e."sessionId" IS NULL) AS u
      FROM "CostEvent" e
      WHERE e."organizationId" = ${organizationId} AND e.feature = ${feature}
        AND e."timestamp" >= ${from}::timestamp AND e."timestamp" < ${to}::timestamp
      ORDER BY e."timestamp" DESC
      LIMIT ${SAMPLE_EVENTS}`;
    let maxInput = 0,
      unattended = 0;
    const outputs: number[] = [];
    for (const r of rows) {
      outputs.push(r.o);
      if (r.i > maxInput) maxInput = r.i;
      if (r.u) unattended++;
    }
    out.set(feature, { feature, outputs, maxInput, unattended, size: rows.length });
  }
  return out;
}

/** The feature trapped free tenants spend most on (bounded by the trap list, ≤ 100 tenants). */
export async function topFeatureOf(organizationId: string, tenants: string[], from: string, to: string): Promise<string | null> {
  if (!tenants.length) return null;
  const rows = await dbRead().$queryRaw<{ feature: string }[]>`
    SELECT r.feature FROM "TenantDailyRollup" r
    WHERE r."organizationId" = ${organizationId} AND r."tenantId" IN (${Prisma.join(tenants)})
      AND r.day >= ${from}::date AND r.day < ${to}::date
    GROUP BY 1 ORDER BY sum(r."costUsd") DESC LIMIT 1`;
  return rows[0]?.feature ?? null;
}
