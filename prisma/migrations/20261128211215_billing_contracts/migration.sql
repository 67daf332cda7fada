-- CreateTable
CREATE TABLE "BillingAccount" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connectorUrl" TEXT,
    "encryptedKey" TEXT,
    "keyHint" TEXT,
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "lines" INTEGER NOT NULL,
    "costUsd" DECIMAL(24,12) NOT NULL,
    "diff" JSONB NOT NULL,
    "via" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorApiKeyId" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "lineItem" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "costUsd" DECIMAL(24,12),
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "importId" TEXT NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("organizationId","accountId","source","day","model","lineItem")
);

-- CreateTable
CREATE TABLE "InvoiceTrueUp" (
    "organizationId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "allocationRule" TEXT NOT NULL,
    "allocation" JSONB,
    "amountUsd" DECIMAL(24,12) NOT NULL,
    "invoiceUsd" DECIMAL(24,12) NOT NULL,
    "appliedById" TEXT,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceTrueUp_pkey" PRIMARY KEY ("organizationId","month")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "monthlyFloorUsd" DECIMAL(24,12) NOT NULL,
    "discount" DECIMAL(9,6) NOT NULL,
    "lapseAfterMonths" INTEGER NOT NULL DEFAULT 3,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quota" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "unit" TEXT NOT NULL,
    "monthlyLimit" DECIMAL(24,6) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisionedCapacity" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hourlyCostUsd" DECIMAL(24,12) NOT NULL,
    "capacityUnits" INTEGER NOT NULL,
    "tokensPerMinutePerUnit" INTEGER NOT NULL,
    "ownerTeam" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisionedCapacity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_organizationId_name_key" ON "BillingAccount"("organizationId", "name");

-- CreateIndex
CREATE INDEX "BillingImport_organizationId_accountId_importedAt_idx" ON "BillingImport"("organizationId", "accountId", "importedAt");

-- CreateIndex
CREATE INDEX "InvoiceLine_organizationId_day_idx" ON "InvoiceLine"("organizationId", "day");

-- CreateIndex
CREATE INDEX "Commitment_organizationId_idx" ON "Commitment"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Quota_organizationId_provider_model_unit_key" ON "Quota"("organizationId", "provider", "model", "unit");

-- CreateIndex
CREATE INDEX "ProvisionedCapacity_organizationId_idx" ON "ProvisionedCapacity"("organizationId");
