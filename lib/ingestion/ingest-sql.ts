import "server-only";
import { Prisma } from "../db";

/** advisory-lock namespace shared with lib/rollups/rebuild-rollups.ts */
export const ROLLUP_LOCK_NS = 7301;

/**
 * The one statement that stores a batch: raw events inserted idempotently on
 * (organizationId, eventId) and, from the rows actually inserted (RETURNING), every rollup
 * upserted. A single statement is a single transaction: a batch is never half-written, and
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
};

export type InsertedRow = {
  eventId: string;
  feature: string;
  team: string;
  timestamp: Date;
  cost: string;
  tenantId: string | null;
  tenantTier: string | null;
};

export function insertBatchSql(organizationId: string, rows: EventRow[], source: string, receivedAt: Date): Prisma.Sql {
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
    "deliveredOutputTokens" int, "usageMissing" boolean, metadata jsonb)
  LEFT JOIN "Feature" f ON f."organizationId" = ${organizationId} AND f.name = e.feature
),
ins AS (
  INSERT INTO "CostEvent" ("organizationId", "eventId", "timestamp", "receivedAt", feature, team, environment,
    "tenantId", "tenantTier", "userId", "sessionId", "taskId", provider, model, modality, "promptTemplate",
    "promptVersion", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens",
    "groundingTokens", "wastedTokens", "costUsd", "catalogCostUsd", "costSource", unpriced, "latencyMs", outcome,
    correct, streamed, aborted, "deliveredOutputTokens", "usageMissing", metadata, source)
  SELECT ${organizationId}, "eventId", ts, ${received}::timestamp(3), feature, "teamResolved", environment,
    "tenantId", "tenantTier", "userId", "sessionId", "taskId", provider, model, modality, "promptTemplate",
    "promptVersion", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens",
    "groundingTokens", "wastedTokens", "costUsd", "catalogCostUsd", "costSource", unpriced, "latencyMs", outcome,
    correct, streamed, aborted, "deliveredOutputTokens", "usageMissing", metadata, ${source}
  FROM src ORDER BY "eventId"
  ON CONFLICT ("organizationId", "eventId") DO NOTHING
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
tenant AS (
  INSERT INTO "Tenant" ("organizationId", "externalId", tier, "firstEventAt", "lastEventAt")
  SELECT ${organizationId}, "tenantId",
    (array_agg("tenantTier" ORDER BY "timestamp" DESC) FILTER (WHERE "tenantTier" IS NOT NULL))[1],
    min("timestamp"), max("timestamp")
  FROM ins WHERE "tenantId" IS NOT NULL GROUP BY "tenantId" ORDER BY "tenantId"
  ON CONFLICT ("organizationId", "externalId") DO UPDATE SET
    "firstEventAt" = LEAST("Tenant"."firstEventAt", EXCLUDED."firstEventAt"),
    "lastEventAt" = GREATEST("Tenant"."lastEventAt", EXCLUDED."lastEventAt"),
    tier = CASE WHEN EXCLUDED.tier IS NOT NULL AND EXCLUDED."lastEventAt" >= "Tenant"."lastEventAt"
                THEN EXCLUDED.tier ELSE COALESCE("Tenant".tier, EXCLUDED.tier) END
),
daily AS (
  INSERT INTO "DailyRollup" ("organizationId", day, feature, team, tier, model, environment, provider, events,
    "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens", "groundingTokens",
    "wastedTokens", "deliveredOutputTokens", "streamedOutputTokens", "abortedEvents", "costUsd", "catalogCostUsd",
    successes, failures, "correctTrue", "correctSet", "unpricedEvents", "latencyMsSum", "latencyCount", "delayMsSum")
  SELECT ${organizationId}, "timestamp"::date, feature, team, COALESCE("tenantTier", ''), model, environment,
    max(COALESCE(provider, '')), count(*)::int,
    sum("inputTokens"), sum("outputTokens"), sum("cachedInputTokens"), sum("cacheWriteTokens"),
    sum("reasoningTokens"), sum("groundingTokens"), sum("wastedTokens"),
    COALESCE(sum("deliveredOutputTokens"), 0),
    COALESCE(sum("outputTokens") FILTER (WHERE "deliveredOutputTokens" IS NOT NULL), 0),
    (count(*) FILTER (WHERE aborted))::int,
    sum("costUsd"), COALESCE(sum("catalogCostUsd"), 0),
    (count(*) FILTER (WHERE outcome = 'success'))::int, (count(*) FILTER (WHERE outcome = 'failure'))::int,
    (count(*) FILTER (WHERE correct))::int, (count(*) FILTER (WHERE correct IS NOT NULL))::int,
    (count(*) FILTER (WHERE unpriced))::int,
    COALESCE(sum("latencyMs"), 0), count("latencyMs")::int,
    sum(round(extract(epoch FROM ("receivedAt" - "timestamp")) * 1000))::bigint
  FROM ins
  GROUP BY "timestamp"::date, feature, team, COALESCE("tenantTier", ''), model, environment
  ORDER BY 2, 3, 4, 5, 6, 7
  ON CONFLICT ("organizationId", day, feature, team, tier, model, environment) DO UPDATE SET
    provider = GREATEST("DailyRollup".provider, EXCLUDED.provider),
    events = "DailyRollup".events + EXCLUDED.events,
    "inputTokens" = "DailyRollup"."inputTokens" + EXCLUDED."inputTokens",
    "outputTokens" = "DailyRollup"."outputTokens" + EXCLUDED."outputTokens",
    "cachedInputTokens" = "DailyRollup"."cachedInputTokens" + EXCLUDED."cachedInputTokens",
    "cacheWriteTokens" = "DailyRollup"."cacheWriteTokens" + EXCLUDED."cacheWriteTokens",
    "reasoningTokens" = "DailyRollup"."reasoningTokens" + EXCLUDED."reasoningTokens",
    "groundingTokens" = "DailyRollup"."groundingTokens" + EXCLUDED."groundingTokens",
    "wastedTokens" = "DailyRollup"."wastedTokens" + EXCLUDED."wastedTokens",
    "deliveredOutputTokens" = "DailyRollup"."deliveredOutputTokens" + EXCLUDED."deliveredOutputTokens",
    "streamedOutputTokens" = "DailyRollup"."streamedOutputTokens" + EXCLUDED."streamedOutputTokens",
    "abortedEvents" = "DailyRollup"."abortedEvents" + EXCLUDED."abortedEvents",
    "costUsd" = "DailyRollup"."costUsd" + EXCLUDED."costUsd",
    "catalogCostUsd" = "DailyRollup"."catalogCostUsd" + EXCLUDED."catalogCostUsd",
    successes = "DailyRollup".successes + EXCLUDED.successes,
    failures = "DailyRollup".failures + EXCLUDED.failures,
    "correctTrue" = "DailyRollup"."correctTrue" + EXCLUDED."correctTrue",
    "correctSet" = "DailyRollup"."correctSet" + EXCLUDED."correctSet",
    "unpricedEvents" = "DailyRollup"."unpricedEvents" + EXCLUDED."unpricedEvents",
    "latencyMsSum" = "DailyRollup"."latencyMsSum" + EXCLUDED."latencyMsSum",
    "latencyCount" = "DailyRollup"."latencyCount" + EXCLUDED."latencyCount",
    "delayMsSum" = "DailyRollup"."delayMsSum" + EXCLUDED."delayMsSum"
),
inter AS (
  INSERT INTO "InteractionRollup" ("organizationId", feature, "interactionKey", team, tier, environment, model,
    "tenantId", "userId", "firstAt", "lastAt", day, events, "inputTokens", "outputTokens", "costUsd")
  SELECT ${organizationId}, feature, COALESCE("sessionId", 'event:' || "eventId"),
    (array_agg(team ORDER BY "timestamp", "eventId"))[1],
    (array_agg(COALESCE("tenantTier", '') ORDER BY "timestamp", "eventId"))[1],
    (array_agg(environment ORDER BY "timestamp", "eventId"))[1],
    (array_agg(model ORDER BY "timestamp", "eventId"))[1],
    (array_agg("tenantId" ORDER BY "timestamp", "eventId"))[1],
    (array_agg("userId" ORDER BY "timestamp", "eventId"))[1],
    min("timestamp"), max("timestamp"), min("timestamp")::date, count(*)::int,
    sum("inputTokens"), sum("outputTokens"), sum("costUsd")
  FROM ins GROUP BY feature, COALESCE("sessionId", 'event:' || "eventId") ORDER BY 2, 3
  ON CONFLICT ("organizationId", feature, "interactionKey") DO UPDATE SET
    team = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED.team ELSE "InteractionRollup".team END,
    tier = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED.tier ELSE "InteractionRollup".tier END,
    environment = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED.environment ELSE "InteractionRollup".environment END,
    model = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED.model ELSE "InteractionRollup".model END,
    "tenantId" = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED."tenantId" ELSE "InteractionRollup"."tenantId" END,
    "userId" = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED."userId" ELSE "InteractionRollup"."userId" END,
    day = CASE WHEN EXCLUDED."firstAt" < "InteractionRollup"."firstAt" THEN EXCLUDED.day ELSE "InteractionRollup".day END,
    "firstAt" = LEAST("InteractionRollup"."firstAt", EXCLUDED."firstAt"),
    "lastAt" = GREATEST("InteractionRollup"."lastAt", EXCLUDED."lastAt"),
    events = "InteractionRollup".events + EXCLUDED.events,
    "inputTokens" = "InteractionRollup"."inputTokens" + EXCLUDED."inputTokens",
    "outputTokens" = "InteractionRollup"."outputTokens" + EXCLUDED."outputTokens",
    "costUsd" = "InteractionRollup"."costUsd" + EXCLUDED."costUsd"
),
tdaily AS (
  INSERT INTO "TenantDailyRollup" ("organizationId", "tenantId", day, tier, model, feature, events, "costUsd")
  SELECT ${organizationId}, "tenantId", "timestamp"::date, max(COALESCE("tenantTier", '')), model, feature,
    count(*)::int, sum("costUsd")
  FROM ins WHERE "tenantId" IS NOT NULL
  GROUP BY "tenantId", "timestamp"::date, model, feature ORDER BY 2, 3, 5, 6
  ON CONFLICT ("organizationId", "tenantId", day, model, feature) DO UPDATE SET
    tier = GREATEST("TenantDailyRollup".tier, EXCLUDED.tier),
    events = "TenantDailyRollup".events + EXCLUDED.events,
    "costUsd" = "TenantDailyRollup"."costUsd" + EXCLUDED."costUsd"
),
task AS (
  INSERT INTO "TaskRollup" ("organizationId", "taskId", feature, team, "firstAt", "lastAt", "lastOutcome", events, "costUsd")
  SELECT ${organizationId}, "taskId",
    (array_agg(feature ORDER BY "timestamp", "eventId"))[1],
    (array_agg(team ORDER BY "timestamp", "eventId"))[1],
    min("timestamp"), max("timestamp"),
    (array_agg(outcome ORDER BY "timestamp" DESC, "eventId" DESC))[1],
    count(*)::int, sum("costUsd")
  FROM ins WHERE "taskId" IS NOT NULL GROUP BY "taskId" ORDER BY 2
  ON CONFLICT ("organizationId", "taskId") DO UPDATE SET
    feature = CASE WHEN EXCLUDED."firstAt" < "TaskRollup"."firstAt" THEN EXCLUDED.feature ELSE "TaskRollup".feature END,
    team = CASE WHEN EXCLUDED."firstAt" < "TaskRollup"."firstAt" THEN EXCLUDED.team ELSE "TaskRollup".team END,
    "lastOutcome" = CASE WHEN EXCLUDED."lastAt" >= "TaskRollup"."lastAt" THEN EXCLUDED."lastOutcome" ELSE "TaskRollup"."lastOutcome" END,
    "firstAt" = LEAST("TaskRollup"."firstAt", EXCLUDED."firstAt"),
    "lastAt" = GREATEST("TaskRollup"."lastAt", EXCLUDED."lastAt"),
    events = "TaskRollup".events + EXCLUDED.events,
    "costUsd" = "TaskRollup"."costUsd" + EXCLUDED."costUsd"
),
minute AS (
  INSERT INTO "MinuteRollup" ("organizationId", feature, minute, events, "costUsd")
  SELECT ${organizationId}, feature, date_trunc('minute', "timestamp"), count(*)::int, sum("costUsd")
  FROM ins GROUP BY feature, date_trunc('minute', "timestamp") ORDER BY 2, 3
  ON CONFLICT ("organizationId", feature, minute) DO UPDATE SET
    events = "MinuteRollup".events + EXCLUDED.events,
    "costUsd" = "MinuteRollup"."costUsd" + EXCLUDED."costUsd"
)
SELECT "eventId", feature, team, "timestamp", "costUsd"::text AS cost, "tenantId", "tenantTier" FROM ins`;
}
