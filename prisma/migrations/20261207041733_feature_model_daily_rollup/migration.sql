-- Decision 054: DailyRollup without team, tier and environment, for the anti-pattern detectors.

-- CreateTable
CREATE TABLE "FeatureModelDailyRollup" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "deliveredOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "streamedOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "abortedEvents" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "successes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeatureModelDailyRollup_pkey" PRIMARY KEY ("organizationId","day","feature","model")
);

-- the existing days, summed from DailyRollup (every value is a sum: exact, and kept for days
-- whose raw events retention already dropped)
INSERT INTO "FeatureModelDailyRollup" ("organizationId", day, feature, model, events, "inputTokens", "outputTokens",
  "cachedInputTokens", "deliveredOutputTokens", "streamedOutputTokens", "abortedEvents", "costUsd", successes)
SELECT "organizationId", day, feature, model, sum(events)::int, sum("inputTokens")::bigint, sum("outputTokens")::bigint,
  sum("cachedInputTokens")::bigint, sum("deliveredOutputTokens")::bigint, sum("streamedOutputTokens")::bigint,
  sum("abortedEvents")::int, sum("costUsd"), sum(successes)::int
FROM "DailyRollup" GROUP BY 1, 2, 3, 4;
