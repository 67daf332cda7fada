-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'FINANCE', 'ENGINEERING_LEAD', 'VIEWER');

-- CreateEnum
CREATE TYPE "ChargebackMode" AS ENUM ('SHOWBACK', 'CHARGEBACK');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "chargebackMode" "ChargebackMode" NOT NULL DEFAULT 'SHOWBACK',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "teamName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feature" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT,
    "ownerTeam" TEXT,
    "reviewThresholdUsd" DECIMAL(24,12) NOT NULL DEFAULT 0.10,
    "unitOfValue" TEXT NOT NULL DEFAULT 'conversation',
    "valuePerUnitUsd" DECIMAL(24,12),
    "valueMethod" TEXT,
    "designTokensPerRequest" INTEGER,
    "designCallsPerRequest" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tier" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "predictedLtvUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "monthlyPriceUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tenant" (
    "organizationId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "tier" TEXT,
    "firstEventAt" TIMESTAMP(3) NOT NULL,
    "lastEventAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("organizationId","externalId")
);

-- CreateTable
CREATE TABLE "CostEvent" (
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'prod',
    "tenantId" TEXT,
    "tenantTier" TEXT,
    "userId" TEXT,
    "sessionId" TEXT,
    "taskId" TEXT,
    "provider" TEXT,
    "model" TEXT NOT NULL,
    "modality" TEXT NOT NULL DEFAULT 'text',
    "promptTemplate" TEXT,
    "promptVersion" TEXT,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "cachedInputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "groundingTokens" INTEGER NOT NULL DEFAULT 0,
    "wastedTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL,
    "catalogCostUsd" DECIMAL(24,12),
    "costSource" TEXT NOT NULL,
    "unpriced" BOOLEAN NOT NULL DEFAULT false,
    "latencyMs" INTEGER,
    "outcome" TEXT NOT NULL DEFAULT 'unknown',
    "correct" BOOLEAN,
    "streamed" BOOLEAN,
    "aborted" BOOLEAN,
    "deliveredOutputTokens" INTEGER,
    "metadata" JSONB,
    "source" TEXT NOT NULL DEFAULT 'api',

    CONSTRAINT "CostEvent_pkey" PRIMARY KEY ("organizationId","eventId")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "reasoningTokens" BIGINT NOT NULL DEFAULT 0,
    "groundingTokens" BIGINT NOT NULL DEFAULT 0,
    "wastedTokens" BIGINT NOT NULL DEFAULT 0,
    "deliveredOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "streamedOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "abortedEvents" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "catalogCostUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "successes" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "correctTrue" INTEGER NOT NULL DEFAULT 0,
    "correctSet" INTEGER NOT NULL DEFAULT 0,
    "unpricedEvents" INTEGER NOT NULL DEFAULT 0,
    "latencyMsSum" BIGINT NOT NULL DEFAULT 0,
    "latencyCount" INTEGER NOT NULL DEFAULT 0,
    "delayMsSum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("organizationId","day","feature","team","tier","model","environment")
);

-- CreateTable
CREATE TABLE "InteractionRollup" (
    "organizationId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "interactionKey" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "tenantId" TEXT,
    "userId" TEXT,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "day" DATE NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "InteractionRollup_pkey" PRIMARY KEY ("organizationId","feature","interactionKey")
);

-- CreateTable
CREATE TABLE "TenantDailyRollup" (
    "organizationId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "tier" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TenantDailyRollup_pkey" PRIMARY KEY ("organizationId","tenantId","day","model","feature")
);

-- CreateTable
CREATE TABLE "TaskRollup" (
    "organizationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "lastOutcome" TEXT NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TaskRollup_pkey" PRIMARY KEY ("organizationId","taskId")
);

-- CreateTable
CREATE TABLE "MinuteRollup" (
    "organizationId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "MinuteRollup_pkey" PRIMARY KEY ("organizationId","feature","minute")
);

-- CreateTable
CREATE TABLE "PriceOverride" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT,
    "model" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "inputPerMTokUsd" DECIMAL(24,12),
    "outputPerMTokUsd" DECIMAL(24,12),
    "cachedInputPerMTokUsd" DECIMAL(24,12),
    "cacheWritePerMTokUsd" DECIMAL(24,12),
    "discountPercent" DECIMAL(9,4),
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "effectiveTo" TIMESTAMP(3),
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "PriceOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB,
    "summary" JSONB,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FixedCost" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT,
    "amountUsd" DECIMAL(24,12) NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "allocationRule" TEXT NOT NULL,
    "allocation" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "FixedCost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargebackPeriod" (
    "organizationId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "snapshot" JSONB,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" TEXT,

    CONSTRAINT "ChargebackPeriod_pkey" PRIMARY KEY ("organizationId","month")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeRef" TEXT NOT NULL DEFAULT '',
    "monthlyLimitUsd" DECIMAL(24,12) NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'soft',
    "thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "fallbackModel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardrailPolicy" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "fallbackAction" TEXT NOT NULL DEFAULT 'downgrade',
    "fallbackModel" TEXT,
    "killSwitch" BOOLEAN NOT NULL DEFAULT false,
    "killSwitchReason" TEXT,
    "anomalyTrippedAt" TIMESTAMP(3),
    "anomalyClearedAt" TIMESTAMP(3),
    "baselineUsdPerMin" DECIMAL(24,12),
    "autoClearMinutes" INTEGER NOT NULL DEFAULT 60,
    "freemiumThrottle" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuardrailPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardrailDecision" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "feature" TEXT NOT NULL,
    "tenantId" TEXT,
    "tier" TEXT,
    "model" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "fallbackModel" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "GuardrailDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "state" TEXT NOT NULL DEFAULT 'open',
    "feature" TEXT,
    "team" TEXT,
    "title" TEXT NOT NULL,
    "evidence" JSONB,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "team" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "answers" JSONB NOT NULL,
    "notes" JSONB,
    "score" INTEGER,
    "level" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorApiKeyId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organizationId_userId_key" ON "Membership"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_idx" ON "ApiKey"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_organizationId_name_key" ON "Team"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Feature_organizationId_name_key" ON "Feature"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Tier_organizationId_name_key" ON "Tier"("organizationId", "name");

-- CreateIndex
CREATE INDEX "Tenant_organizationId_tier_firstEventAt_idx" ON "Tenant"("organizationId", "tier", "firstEventAt");

-- CreateIndex
CREATE INDEX "CostEvent_organizationId_timestamp_idx" ON "CostEvent"("organizationId", "timestamp");

-- CreateIndex
CREATE INDEX "CostEvent_organizationId_feature_timestamp_idx" ON "CostEvent"("organizationId", "feature", "timestamp");

-- CreateIndex
CREATE INDEX "CostEvent_organizationId_model_timestamp_idx" ON "CostEvent"("organizationId", "model", "timestamp");

-- CreateIndex
CREATE INDEX "DailyRollup_organizationId_feature_day_idx" ON "DailyRollup"("organizationId", "feature", "day");

-- CreateIndex
CREATE INDEX "InteractionRollup_organizationId_day_feature_idx" ON "InteractionRollup"("organizationId", "day", "feature");

-- CreateIndex
CREATE INDEX "TenantDailyRollup_organizationId_tier_day_idx" ON "TenantDailyRollup"("organizationId", "tier", "day");

-- CreateIndex
CREATE INDEX "TaskRollup_organizationId_feature_firstAt_idx" ON "TaskRollup"("organizationId", "feature", "firstAt");

-- CreateIndex
CREATE INDEX "PriceOverride_organizationId_model_idx" ON "PriceOverride"("organizationId", "model");

-- CreateIndex
CREATE INDEX "BackgroundJob_organizationId_createdAt_idx" ON "BackgroundJob"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "FixedCost_organizationId_periodStart_idx" ON "FixedCost"("organizationId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_organizationId_scope_scopeRef_key" ON "Budget"("organizationId", "scope", "scopeRef");

-- CreateIndex
CREATE UNIQUE INDEX "GuardrailPolicy_organizationId_feature_key" ON "GuardrailPolicy"("organizationId", "feature");

-- CreateIndex
CREATE INDEX "GuardrailDecision_organizationId_at_idx" ON "GuardrailDecision"("organizationId", "at");

-- CreateIndex
CREATE INDEX "Alert_organizationId_createdAt_idx" ON "Alert"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_organizationId_dedupeKey_key" ON "Alert"("organizationId", "dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Assessment_organizationId_team_submittedAt_idx" ON "Assessment"("organizationId", "team", "submittedAt");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_at_idx" ON "AuditLog"("organizationId", "at");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feature" ADD CONSTRAINT "Feature_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tier" ADD CONSTRAINT "Tier_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
