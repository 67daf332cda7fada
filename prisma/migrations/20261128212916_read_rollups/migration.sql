-- AlterTable
ALTER TABLE "InteractionRollup" ADD COLUMN     "prevCostUsd" DECIMAL(24,12),
ADD COLUMN     "prevDay" DATE,
ADD COLUMN     "prevEnvironment" TEXT,
ADD COLUMN     "prevModel" TEXT,
ADD COLUMN     "prevTeam" TEXT,
ADD COLUMN     "prevTier" TEXT;

-- AlterTable
ALTER TABLE "TaskRollup" ADD COLUMN     "prevCostUsd" DECIMAL(24,12),
ADD COLUMN     "prevFeature" TEXT,
ADD COLUMN     "prevFirstAt" TIMESTAMP(3),
ADD COLUMN     "prevLastOutcome" TEXT,
ADD COLUMN     "prevTeam" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "windowCostUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
ADD COLUMN     "windowEvents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "windowFirstAt" TIMESTAMP(3),
ADD COLUMN     "windowStale" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InteractionStats" (
    "organizationId" TEXT NOT NULL,
    "grain" SMALLINT NOT NULL,
    "day" DATE NOT NULL,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "interactions" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "costSq" DECIMAL(60,24) NOT NULL DEFAULT 0,
    "costMax" DECIMAL(24,12),
    "zeros" INTEGER NOT NULL DEFAULT 0,
    "lo" INTEGER,
    "counts" INTEGER[],

    CONSTRAINT "InteractionStats_pkey" PRIMARY KEY ("organizationId","grain","day","feature","team","tier","model","environment")
);

-- CreateTable
CREATE TABLE "FeatureUserWeek" (
    "organizationId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "FeatureUserWeek_pkey" PRIMARY KEY ("organizationId","feature","week","userId")
);

-- CreateTable
CREATE TABLE "FeatureWeekRollup" (
    "organizationId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "users" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeatureWeekRollup_pkey" PRIMARY KEY ("organizationId","feature","week")
);

-- CreateTable
CREATE TABLE "TenantWindow" (
    "organizationId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TenantWindow_pkey" PRIMARY KEY ("organizationId","tenantId","feature","model")
);

-- CreateTable
CREATE TABLE "TaskStats" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TaskStats_pkey" PRIMARY KEY ("organizationId","day","feature","team")
);

-- Cost-per-interaction sketch (decision 012): log buckets with gamma = (1 + a) / (1 - a), a = 0.005.
-- Bucket i holds costs in (gamma^(i-1), gamma^i], costs <= 0 have no bucket (the zero count).
CREATE FUNCTION spendline_sketch_bucket(cost numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN cost > 0 THEN ceil(ln(cost::float8) / ln(1.005::float8 / 0.995::float8))::integer END
$$;

-- Adds two dense bucket arrays (a starts at bucket lo1, b at lo2), NULL lo means empty.
CREATE FUNCTION spendline_sketch_merge(lo1 integer, a integer[], lo2 integer, b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN lo1 IS NULL THEN b WHEN lo2 IS NULL THEN a ELSE (
    SELECT array_agg(COALESCE(a[i - lo1 + 1], 0) + COALESCE(b[i - lo2 + 1], 0) ORDER BY i)
    FROM generate_series(LEAST(lo1, lo2), GREATEST(lo1 + cardinality(a), lo2 + cardinality(b)) - 1) AS i) END
$$;

-- Canonical text of a sketch (non-zero buckets only), for `rollups verify`.
CREATE FUNCTION spendline_sketch_text(lo integer, a integer[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg((lo + o::integer - 1)::text || ':' || c::text, ',' ORDER BY o) FROM unnest(a) WITH ORDINALITY AS u(c, o) WHERE c <> 0
$$;
