-- CreateTable
CREATE TABLE "AgentImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
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

    CONSTRAINT "AgentImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentUsageLine" (
    "organizationId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "person" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "costUsd" DECIMAL(24,12) NOT NULL,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "linesAccepted" INTEGER NOT NULL DEFAULT 0,
    "lastActiveAt" TIMESTAMP(3),
    "importId" TEXT NOT NULL,

    CONSTRAINT "AgentUsageLine_pkey" PRIMARY KEY ("organizationId","account","source","day","person","model","kind")
);

-- CreateTable
CREATE TABLE "AgentPersonTeam" (
    "organizationId" TEXT NOT NULL,
    "person" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentPersonTeam_pkey" PRIMARY KEY ("organizationId","person")
);

-- CreateTable
CREATE TABLE "AgentConnector" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "encryptedKey" TEXT NOT NULL,
    "keyHint" TEXT NOT NULL,
    "options" JSONB,
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentConnector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentOutcome" (
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "pr" TEXT NOT NULL DEFAULT '',
    "author" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "agent" TEXT NOT NULL DEFAULT '',
    "minutes" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "merged" BOOLEAN NOT NULL DEFAULT false,
    "at" TIMESTAMP(3) NOT NULL,
    "payingTeam" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AgentOutcome_pkey" PRIMARY KEY ("organizationId","kind","externalId")
);

-- CreateTable
CREATE TABLE "ShadowImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "lines" INTEGER NOT NULL,
    "amountUsd" DECIMAL(24,12) NOT NULL,
    "diff" JSONB NOT NULL,
    "via" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorApiKeyId" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShadowImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShadowSpendLine" (
    "organizationId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "rowKey" TEXT NOT NULL,
    "merchant" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "amountUsd" DECIMAL(24,12) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "employee" TEXT NOT NULL DEFAULT '',
    "department" TEXT NOT NULL DEFAULT '',
    "importId" TEXT NOT NULL,

    CONSTRAINT "ShadowSpendLine_pkey" PRIMARY KEY ("organizationId","account","source","day","rowKey")
);

-- CreateTable
CREATE TABLE "ShadowRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "product" TEXT NOT NULL DEFAULT '',
    "sanctioned" BOOLEAN NOT NULL DEFAULT false,
    "ignore" BOOLEAN NOT NULL DEFAULT false,
    "seatUsd" DECIMAL(24,12),
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ShadowRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgentImport_organizationId_importedAt_idx" ON "AgentImport"("organizationId", "importedAt");

-- CreateIndex
CREATE INDEX "AgentUsageLine_organizationId_day_idx" ON "AgentUsageLine"("organizationId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "AgentConnector_organizationId_account_provider_key" ON "AgentConnector"("organizationId", "account", "provider");

-- CreateIndex
CREATE INDEX "AgentOutcome_organizationId_at_idx" ON "AgentOutcome"("organizationId", "at");

-- CreateIndex
CREATE INDEX "ShadowImport_organizationId_importedAt_idx" ON "ShadowImport"("organizationId", "importedAt");

-- CreateIndex
CREATE INDEX "ShadowSpendLine_organizationId_day_idx" ON "ShadowSpendLine"("organizationId", "day");

-- CreateIndex
CREATE INDEX "ShadowRule_organizationId_idx" ON "ShadowRule"("organizationId");
