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
CREATE FUNCTION spendline_sketch_bucket(cost numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS E'
  SELECT CASE WHEN cost > 0 THEN ceil(ln(cost::float8) / ln(1.005::float8 / 0.995::float8))::integer END
';

-- (Function bodies are E'' strings with \073 for the semicolon: the migration runner splits
-- scripts at every semicolon.)
-- A dense bucket array from sorted sparse (bucket, count) pairs: element k is bucket bs[1] + k - 1.
CREATE FUNCTION spendline_sketch_dense(bs integer[], ns integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS E'
DECLARE
  r integer[]\073
  k integer\073
BEGIN
  IF bs IS NULL OR cardinality(bs) = 0 THEN RETURN NULL\073 END IF\073
  r := array_fill(0, ARRAY[bs[cardinality(bs)] - bs[1] + 1])\073
  FOR k IN 1 .. cardinality(bs) LOOP
    r[bs[k] - bs[1] + 1] := r[bs[k] - bs[1] + 1] + ns[k]\073
  END LOOP\073
  RETURN r\073
END ';

-- Adds dense bucket array b (from bucket lo2) into a (from lo1), the result starting at
-- LEAST(lo1, lo2), a NULL lo means empty. Work is proportional to b (a delta), not to a.
CREATE FUNCTION spendline_sketch_merge(lo1 integer, a integer[], lo2 integer, b integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS E'
DECLARE
  r integer[]\073
  lo integer\073
  k integer\073
  j integer\073
BEGIN
  IF lo1 IS NULL OR a IS NULL THEN RETURN b\073 END IF\073
  IF lo2 IS NULL OR b IS NULL THEN RETURN a\073 END IF\073
  lo := LEAST(lo1, lo2)\073
  r := a\073
  IF lo2 < lo1 THEN r := array_fill(0, ARRAY[lo1 - lo2]) || r\073 END IF\073
  IF lo2 + cardinality(b) > lo + cardinality(r) THEN
    r := r || array_fill(0, ARRAY[lo2 + cardinality(b) - lo - cardinality(r)])\073
  END IF\073
  FOR k IN 1 .. cardinality(b) LOOP
    IF b[k] <> 0 THEN
      j := lo2 - lo + k\073
      r[j] := r[j] + b[k]\073
    END IF\073
  END LOOP\073
  RETURN r\073
END ';

-- Canonical text of a sketch (non-zero buckets only), for `rollups verify`.
CREATE FUNCTION spendline_sketch_text(lo integer, a integer[]) RETURNS text LANGUAGE sql IMMUTABLE AS E'
  SELECT string_agg((lo + o::integer - 1)::text || '':'' || c::text, '','' ORDER BY o) FROM unnest(a) WITH ORDINALITY AS u(c, o) WHERE c <> 0
';
