import "server-only";
import { Prisma } from "../db";
import { ROLLUP_LOCK_NS } from "../rollups/definition";
import { ingestRollupSql } from "../rollups/rollup-sql";
import { ingestStatsCtes, ingestTaskStatsSql, movedGroupsSql } from "../rollups/read-rollups-sql";
import { ingestTenantCohortSql, TENANT_COHORT_CAPTURE, TENANT_COHORT_RETURNING } from "../rollups/tenant-cohort-sql";
import { mergePartSql, mergeRankSql, partTierSql } from "../rollups/tenant-part-sql";

/**
 * The one statement that stores a batch: raw events inserted idempotently on
 * (organizationId, eventId) and, from the rows actually inserted (RETURNING), every rollup
 * upserted — each generated from its one definition (lib/rollups/definition.ts). A single statement is a single transaction: a batch is never half-written, and
 * concurrent duplicates block on the primary key then count once.
 *
 * Rows are passed as ONE jsonb parameter (jsonb_to_recordset), so a 1,000-event batch is one
 * round trip on PostgreSQL and on PGlite alike. Rollup rows are inserted in key order so that
 * concurrent batches take their row locks in the same order (no deadlocks between them).
 */
export type EventRow = {
  eventId: string;
  ts: string; // "YYYY-MM-DDTHH:MM:SS.mmm", UTC
  feature: string;
  team: string | null; // null: the feature's owner, else "unallocated"
  environment: string;
  tenantId: string | null;
  tenantTier: string | null;
  userId: string | null;
  sessionId: string | null;
  taskId: string | null;
  provider: string | null;
  model: string;
  modality: string;
  promptTemplate: string | null;
  promptVersion: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  groundingTokens: number;
  wastedTokens: number;
  costUsd: string;
  catalogCostUsd: string | null;
  costSource: string;
  unpriced: boolean;
  latencyMs: number | null;
  outcome: string;
  correct: boolean | null;
  streamed: boolean | null;
  aborted: boolean | null;
  deliveredOutputTokens: number | null;
  usageMissing: boolean;
  metadata: unknown;
  serviceTier: string | null;
  batchId: string | null;
  priceLines: unknown;
  marginUsd: string | null;
};

export type InsertedRow = {
  eventId: string;
  feature: string;
  team: string;
  timestamp: Date;
  cost: string;
  tenantId: string | null;
  tenantTier: string | null;
  model: string;
  environment: string;
  userId: string | null;
  apiKeyId: string | null;
  batchId: string | null;
  inputTokens: number;
  outputTokens: number;
  /** JSON of what to repair after the commit (the same on every row), or null */
  repair: string | null;
};

/** The tier a Tenant row gets from a batch (in the upsert's SET: "Tenant" is the row it replaces). */
const TIER_SET = Prisma.sql`CASE WHEN EXCLUDED.tier IS NOT NULL AND EXCLUDED."lastEventAt" >= "Tenant"."lastEventAt"
                THEN EXCLUDED.tier ELSE COALESCE("Tenant".tier, EXCLUDED.tier) END`;

export function insertBatchSql(
  organizationId: string,
  rows: EventRow[],
  source: string,
  receivedAt: Date,
  apiKeyId: string | null = null,
): Prisma.Sql {
  const json = JSON.stringify(rows);
  const received = receivedAt.toISOString().slice(0, 23);
  return Prisma.sql`
WITH src AS (
  SELECT e.*, COALESCE(e.team, f."ownerTeam", 'unallocated') AS "teamResolved"
  -- shared per-organisation lock: a rebuild/restatement (exclusive) never interleaves with a batch
  FROM (SELECT pg_advisory_xact_lock_shared(${ROLLUP_LOCK_NS}::int, hashtext(${organizationId}))) lk
  CROSS JOIN jsonb_to_recordset(${json}::jsonb) AS e(
    "eventId" text, ts timestamp(3), feature text, team text, environment text, "tenantId" text,
    "tenantTier" text, "userId" text, "sessionId" text, "taskId" text, provider text, model text,
    modality text, "promptTemplate" text, "promptVersion" text, "inputTokens" int, "outputTokens" int,
    "cachedInputTokens" int, "cacheWriteTokens" int, "reasoningTokens" int, "groundingTokens" int,
    "wastedTokens" int, "costUsd" numeric, "catalogCostUsd" numeric, "costSource" text, unpriced boolean,
    "latencyMs" int, outcome text, correct boolean, streamed boolean, aborted boolean,
    "deliveredOutputTokens" int, "usageMissing" boolean, metadata jsonb,
    "serviceTier" text, "batchId" text, "priceLines" jsonb, "marginUsd" numeric)
  LEFT JOIN "Feature" f ON f."organizationId" = ${organizationId} AND f.name = e.feature
),
-- idempotency key, unpartitioned: (organizationId, eventId) unique across monthly partitions
keys AS (
  INSERT INTO "CostEventKey" ("organizationId", "eventId", "timestamp")
  SELECT ${organizationId}, "eventId", ts FROM src ORDER BY "eventId"
  ON CONFLICT ("organizationId", "eventId") DO NOTHING
  RETURNING "eventId"
),
ins AS (
  INSERT INTO "CostEvent" ("organizationId", "eventId", "timestamp", "receivedAt", feature, team, environment,
    "tenantId", "tenantTier", "userId", "sessionId", "taskId", provider, model, modality, "promptTemplate",
    "promptVersion", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens",
    "groundingTokens", "wastedTokens", "costUsd", "catalogCostUsd", "costSource", unpriced, "latencyMs", outcome,
    correct, streamed, aborted, "deliveredOutputTokens", "usageMissing", metadata, source,
    "serviceTier", "priceLines", "marginUsd", "apiKeyId", "batchId")
  SELECT ${organizationId}, "eventId", ts, ${received}::timestamp(3), feature, "teamResolved", environment,
    "tenantId", "tenantTier", "userId", "sessionId", "taskId", provider, model, modality, "promptTemplate",
    "promptVersion", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens",
    "groundingTokens", "wastedTokens", "costUsd", "catalogCostUsd", "costSource", unpriced, "latencyMs", outcome,
    correct, streamed, aborted, "deliveredOutputTokens", "usageMissing", metadata, ${source},
    "serviceTier", "priceLines", "marginUsd", ${apiKeyId}::text, "batchId"
  FROM src JOIN keys USING ("eventId") ORDER BY "eventId"
  RETURNING *
),
feat AS (
  INSERT INTO "Feature" (id, "organizationId", name)
  SELECT gen_random_uuid()::text, ${organizationId}, feature FROM ins GROUP BY feature ORDER BY feature
  ON CONFLICT ("organizationId", name) DO NOTHING
),
team AS (
  INSERT INTO "Team" (id, "organizationId", name)
  SELECT gen_random_uuid()::text, ${organizationId}, team FROM ins GROUP BY team ORDER BY team
  ON CONFLICT ("organizationId", name) DO NOTHING
),
tsnap AS (
  SELECT t."externalId", t."firstEventAt", t."windowTier", t."windowVersion" FROM "Tenant" t
  WHERE t."organizationId" = ${organizationId} AND t."externalId" IN (SELECT "tenantId" FROM ins WHERE "tenantId" IS NOT NULL)
),
-- the freemium window each tenant's figures are added to: the stored first event as this
-- statement saw it, or the batch's earliest (new tenant / earlier first: the row goes stale);
-- and the row this statement saw (null: none), for TenantCohortPart (decision 054)
tb AS (
  SELECT i."tenantId", LEAST(min(s."firstEventAt"), min(i."timestamp")) AS fa,
    min(s."windowTier") AS "seenTier", min(s."windowVersion") AS "seenVersion"
  FROM ins i LEFT JOIN tsnap s ON s."externalId" = i."tenantId" WHERE i."tenantId" IS NOT NULL GROUP BY i."tenantId"
),
tenant AS (
  INSERT INTO "Tenant" ("organizationId", "externalId", tier, "firstEventAt", "lastEventAt", "windowFirstAt", "windowEvents", "windowCostUsd",
    "windowTier", "windowVersion")
  SELECT ${organizationId}, i."tenantId",
    (array_agg(i."tenantTier" ORDER BY i."timestamp" DESC) FILTER (WHERE i."tenantTier" IS NOT NULL))[1],
    min(i."timestamp"), max(i."timestamp"), min(tb.fa),
    (count(*) FILTER (WHERE i."timestamp" < tb.fa + interval '30 days'))::int,
    COALESCE(sum(i."costUsd") FILTER (WHERE i."timestamp" < tb.fa + interval '30 days'), 0),
    COALESCE((array_agg(i."tenantTier" ORDER BY i."timestamp" DESC) FILTER (WHERE i."tenantTier" IS NOT NULL))[1], ''),
    -- inserted: 0; on conflict (EXCLUDED): the version this statement saw + 1, or 0 if it saw none
    COALESCE(min(tb."seenVersion") + 1, 0)
  FROM ins i JOIN tb ON tb."tenantId" = i."tenantId" GROUP BY i."tenantId" ORDER BY i."tenantId"
  ON CONFLICT ("organizationId", "externalId") DO UPDATE SET
    "firstEventAt" = LEAST("Tenant"."firstEventAt", EXCLUDED."firstEventAt"),
    "lastEventAt" = GREATEST("Tenant"."lastEventAt", EXCLUDED."lastEventAt"),
    tier = ${TIER_SET},
    -- TenantCohortPart counts the parts under the new tier if this statement can move them itself:
    -- the row it replaces is the one it saw (no batch or repair changed the parts since its
    -- snapshot), else under the old one until the repair after the commit (decision 054)
    "windowTier" = CASE WHEN EXCLUDED."windowVersion" = "Tenant"."windowVersion" + 1 THEN COALESCE(${TIER_SET}, '')
                        ELSE "Tenant"."windowTier" END,
    "windowVersion" = "Tenant"."windowVersion" + 1,
    "windowEvents" = "Tenant"."windowEvents" + EXCLUDED."windowEvents",
    "windowCostUsd" = "Tenant"."windowCostUsd" + EXCLUDED."windowCostUsd",
    "windowStale" = "Tenant"."windowStale" OR EXCLUDED."firstEventAt" < "Tenant"."firstEventAt"
      OR EXCLUDED."windowFirstAt" IS DISTINCT FROM "Tenant"."windowFirstAt",
    -- the state this update replaces, for TenantCohortDay (decision 054)
    ${TENANT_COHORT_CAPTURE}
  RETURNING "externalId", "windowStale", "windowTier", "windowVersion", ${TENANT_COHORT_RETURNING}
),
tcohort AS (
  ${ingestTenantCohortSql(organizationId, "tenant")}
),
-- the batch's freemium window parts (what it adds to TenantWindow)
twd AS (
  SELECT i."tenantId", i.feature, i.model, tb.fa, count(*)::int AS events, sum(i."inputTokens") AS "inputTokens",
    sum(i."outputTokens") AS "outputTokens", sum(i."costUsd") AS "costUsd"
  FROM ins i JOIN tb ON tb."tenantId" = i."tenantId" WHERE i."timestamp" < tb.fa + interval '30 days'
  GROUP BY i."tenantId", i.feature, i.model, tb.fa
),
twin AS (
  INSERT INTO "TenantWindow" ("organizationId", "tenantId", feature, model, "firstAt", events, "inputTokens", "outputTokens", "costUsd")
  SELECT ${organizationId}, "tenantId", feature, model, fa, events, "inputTokens", "outputTokens", "costUsd"
  FROM twd ORDER BY 2, 3, 4
  ON CONFLICT ("organizationId", "tenantId", feature, model) DO UPDATE SET
    events = "TenantWindow".events + EXCLUDED.events,
    "inputTokens" = "TenantWindow"."inputTokens" + EXCLUDED."inputTokens",
    "outputTokens" = "TenantWindow"."outputTokens" + EXCLUDED."outputTokens",
    "costUsd" = "TenantWindow"."costUsd" + EXCLUDED."costUsd"
  RETURNING "tenantId", feature, model, "firstAt"
),
-- TenantCohortPart (decision 054): the batch's parts at the day of the stored part's firstAt and
-- the tier the tenant's parts are counted under (if it is one kept there); a tenant whose
-- windowTier this statement changed moves its parts as the snapshot read them — exactly those
-- counted at the old tier, since the row it replaced is the one it saw (windowVersion) — from
-- the old tier to the new
tsrc AS (
  SELECT n."windowTier" AS tier, d."tenantId", d.feature, w."firstAt"::date AS day, d.model, d.events::bigint AS events, d."costUsd"
  FROM twd d JOIN twin w ON w."tenantId" = d."tenantId" AND w.feature = d.feature AND w.model = d.model
    JOIN tenant n ON n."externalId" = d."tenantId"
  WHERE ${partTierSql(Prisma.sql`n."windowTier"`)}
  UNION ALL
  SELECT m.tier, p."tenantId", p.feature, p."firstAt"::date, p.model, m.sign * p.events::bigint, m.sign * p."costUsd"
  FROM tenant n JOIN tb s ON s."tenantId" = n."externalId"
    CROSS JOIN LATERAL (VALUES (s."seenTier", -1), (n."windowTier", 1)) m(tier, sign)
    JOIN "TenantWindow" p ON p."organizationId" = ${organizationId} AND p."tenantId" = n."externalId"
  WHERE n."windowVersion" = s."seenVersion" + 1 AND n."windowTier" <> s."seenTier" AND ${partTierSql(Prisma.sql`m.tier`)}
),
tpart AS (
  ${mergePartSql(Prisma.sql`SELECT ${organizationId}::text AS "organizationId", tier, feature, day, model, events, "costUsd" FROM tsrc`)}
),
-- TenantWindowRank: the same parts (tenants of those tiers) per tenant by feature, model and both
trank AS (
  ${mergeRankSql(organizationId, Prisma.sql`(SELECT "tenantId", feature, model, "costUsd" AS cost FROM tsrc)`)}
),
daily AS (
  ${ingestRollupSql("DailyRollup", organizationId, "ins")}
),
fmdaily AS (
  ${ingestRollupSql("FeatureModelDailyRollup", organizationId, "ins")}
),
inter AS (
  -- after the row lock: the state it replaced (null on insert), for InteractionStats
  ${ingestRollupSql("InteractionRollup", organizationId, "ins", { capture: true })}
),
${ingestStatsCtes(organizationId, "inter")},
uweek AS (
  INSERT INTO "FeatureUserWeek" ("organizationId", feature, week, "userId")
  SELECT DISTINCT ${organizationId}, feature, date_trunc('week', "timestamp")::date, "userId" FROM ins WHERE "userId" IS NOT NULL ORDER BY 2, 3, 4
  ON CONFLICT DO NOTHING
  RETURNING feature, week
),
fweek AS (
  INSERT INTO "FeatureWeekRollup" ("organizationId", feature, week, users)
  SELECT ${organizationId}, feature, week, count(*)::int FROM uweek GROUP BY feature, week ORDER BY 2, 3
  ON CONFLICT ("organizationId", feature, week) DO UPDATE SET users = "FeatureWeekRollup".users + EXCLUDED.users
),
-- what cannot be merged in this statement, repaired right after the commit (repair-after-ingest.ts):
-- an interaction that moved to another group (its old group's max), a tenant whose window moved
repair AS (
  SELECT jsonb_build_object(
    'groups', ${movedGroupsSql("inter")},
    'tenants', (SELECT jsonb_agg(DISTINCT x.t) FROM (
                 SELECT "externalId" AS t FROM tenant WHERE "windowStale"
                 -- parts left under the old tier (another batch or a repair came between): moved by the repair
                 UNION ALL SELECT "externalId" FROM tenant WHERE "windowTier" <> COALESCE(tier, '')
                 UNION ALL SELECT w."tenantId" FROM twin w JOIN tenant n ON n."externalId" = w."tenantId" WHERE w."firstAt" <> n."firstEventAt") x)
  )::text AS r
),
tdaily AS (
  ${ingestRollupSql("TenantDailyRollup", organizationId, "ins")}
),
task AS (
  ${ingestRollupSql("TaskRollup", organizationId, "ins", { capture: true })}
),
tstats AS (
  ${ingestTaskStatsSql(organizationId, "task")}
),
minute AS (
  ${ingestRollupSql("MinuteRollup", organizationId, "ins")}
)
SELECT "eventId", feature, team, "timestamp", "costUsd"::text AS cost, "tenantId", "tenantTier",
  model, environment, "userId", "apiKeyId", "batchId", "inputTokens", "outputTokens",
  (SELECT CASE WHEN r <> '{"groups": null, "tenants": null}' THEN r END FROM repair) AS repair
FROM ins`;
}
