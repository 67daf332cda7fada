-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "rawEventRetentionMonths" INTEGER;

-- CreateTable
CREATE TABLE "CostEventKey" (
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostEventKey_pkey" PRIMARY KEY ("organizationId","eventId")
);

-- CreateTable
CREATE TABLE "DroppedEventMonth" (
    "month" DATE NOT NULL,
    "droppedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "events" BIGINT NOT NULL,

    CONSTRAINT "DroppedEventMonth_pkey" PRIMARY KEY ("month")
);

-- Raw events range-partitioned by month (hand-written: Prisma's diff cannot express
-- partitioning). See docs/decisions/015-event-partitions-and-retention.md.
-- Idempotency stays "(organizationId, eventId) is unique" through CostEventKey (unpartitioned).

ALTER TABLE "CostEvent" RENAME TO "CostEvent_unpartitioned";
ALTER TABLE "CostEvent_unpartitioned" DROP CONSTRAINT "CostEvent_pkey";
DROP INDEX "CostEvent_organizationId_timestamp_idx";
DROP INDEX "CostEvent_organizationId_feature_timestamp_idx";
DROP INDEX "CostEvent_organizationId_model_timestamp_idx";
DROP INDEX "CostEvent_organizationId_tenantId_timestamp_idx";

CREATE TABLE "CostEvent" (LIKE "CostEvent_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE ("timestamp");
ALTER TABLE "CostEvent" ADD CONSTRAINT "CostEvent_pkey" PRIMARY KEY ("organizationId", "eventId", "timestamp");
CREATE INDEX "CostEvent_organizationId_timestamp_idx" ON "CostEvent"("organizationId", "timestamp");
CREATE INDEX "CostEvent_organizationId_feature_timestamp_idx" ON "CostEvent"("organizationId", "feature", "timestamp");
CREATE INDEX "CostEvent_organizationId_model_timestamp_idx" ON "CostEvent"("organizationId", "model", "timestamp");
CREATE INDEX "CostEvent_organizationId_tenantId_timestamp_idx" ON "CostEvent"("organizationId", "tenantId", "timestamp");

-- one partition per month that holds events (the app creates the others ahead of time)
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', "timestamp")::date FROM "CostEvent_unpartitioned" LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "CostEvent" FOR VALUES FROM (%L) TO (%L)',
      'CostEvent_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
  END LOOP;
END $$;

INSERT INTO "CostEvent" SELECT * FROM "CostEvent_unpartitioned";
INSERT INTO "CostEventKey" ("organizationId", "eventId", "timestamp")
  SELECT "organizationId", "eventId", "timestamp" FROM "CostEvent_unpartitioned";
DROP TABLE "CostEvent_unpartitioned";
