-- CreateTable
CREATE TABLE "PolicyDraft" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "opportunityKind" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "ownerTeam" TEXT,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "proposal" JSONB NOT NULL,
    "basis" JSONB NOT NULL,
    "estimatedMonthlySavingUsd" DECIMAL(24,12) NOT NULL,
    "baselineMonthlyCostUsd" DECIMAL(24,12) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "note" TEXT,
    "createdById" TEXT,
    "createdByApiKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "PolicyDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyDraft_organizationId_status_createdAt_idx" ON "PolicyDraft"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "PolicyDraft_organizationId_feature_idx" ON "PolicyDraft"("organizationId", "feature");
