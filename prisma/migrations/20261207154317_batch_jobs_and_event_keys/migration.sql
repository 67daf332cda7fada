-- Events record the ingest API key that sent them and the batch they ran in. Batch jobs are
-- registered at submit with an estimate that counts against budgets until trued up (decision 056).
-- AlterTable
ALTER TABLE "CostEvent" ADD COLUMN     "apiKeyId" TEXT,
ADD COLUMN     "batchId" TEXT;

-- CreateTable
CREATE TABLE "BatchJob" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "provider" TEXT,
    "model" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'prod',
    "tenantId" TEXT,
    "userId" TEXT,
    "apiKeyId" TEXT,
    "requests" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "costUsd" DECIMAL(24,12) NOT NULL,
    "unpriced" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchJob_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateIndex
CREATE INDEX "BatchJob_organizationId_status_submittedAt_idx" ON "BatchJob"("organizationId", "status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BatchJob_organizationId_batchId_key" ON "BatchJob"("organizationId", "batchId");

-- CreateIndex
CREATE INDEX "CostEvent_organizationId_apiKeyId_timestamp_idx" ON "CostEvent"("organizationId", "apiKeyId", "timestamp");

-- CreateIndex
CREATE INDEX "CostEvent_organizationId_batchId_idx" ON "CostEvent"("organizationId", "batchId");
