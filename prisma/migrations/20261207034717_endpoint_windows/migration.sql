-- Running windows of time-priced endpoints (decision 057): what the price-book `time` rules
-- are charged for in the month's chargeback.
CREATE TABLE "EndpointWindow" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" TEXT,
    "model" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "team" TEXT,
    "note" TEXT,
    "source" TEXT NOT NULL DEFAULT 'api',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndpointWindow_pkey" PRIMARY KEY ("organizationId", "id")
);

CREATE INDEX "EndpointWindow_organizationId_startedAt_idx" ON "EndpointWindow"("organizationId", "startedAt");
