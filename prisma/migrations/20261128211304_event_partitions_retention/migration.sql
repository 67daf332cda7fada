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

-- The existing rows land in a DEFAULT partition: a migration script cannot loop over months
-- (statements are split on semicolons, so no DO block). The app empties it into monthly
-- partitions and drops it the first time it runs (lib/storage/partitions.ts, adoptDefaultPartition).
CREATE TABLE "CostEvent_default" PARTITION OF "CostEvent" DEFAULT;

INSERT INTO "CostEvent" SELECT * FROM "CostEvent_unpartitioned";
INSERT INTO "CostEventKey" ("organizationId", "eventId", "timestamp")
  SELECT "organizationId", "eventId", "timestamp" FROM "CostEvent_unpartitioned";
DROP TABLE "CostEvent_unpartitioned";
