-- Decision 054: the freemium cohort's totals per (tier, first-event day), kept exactly by
-- ingestion, and the indexes of the bounded freemium read.

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "prevFirstEventAt" TIMESTAMP(3),
ADD COLUMN     "prevLastEventAt" TIMESTAMP(3),
ADD COLUMN     "prevTier" TEXT,
ADD COLUMN     "prevWindowCostUsd" DECIMAL(24,12),
ADD COLUMN     "prevWindowEvents" INTEGER;

-- CreateTable
CREATE TABLE "TenantCohortDay" (
    "organizationId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "tenants" INTEGER NOT NULL DEFAULT 0,
    "windowEvents" BIGINT NOT NULL DEFAULT 0,
    "windowCostUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "lastTenants" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TenantCohortDay_pkey" PRIMARY KEY ("organizationId","tier","day")
);

-- CreateIndex
CREATE INDEX "Tenant_organizationId_tier_windowCostUsd_externalId_firstEv_idx" ON "Tenant"("organizationId", "tier", "windowCostUsd" DESC, "externalId", "firstEventAt", "lastEventAt", "windowEvents");

-- CreateIndex
CREATE INDEX "Tenant_organizationId_tier_lastEventAt_idx" ON "Tenant"("organizationId", "tier", "lastEventAt");

-- the existing tenants' totals (rollups rebuild does the same per organisation)
INSERT INTO "TenantCohortDay" ("organizationId", tier, day, tenants, "windowEvents", "windowCostUsd", "lastTenants")
SELECT "organizationId", tier, day, sum(tenants)::int, sum(events)::bigint, sum(cost), sum(last)::int FROM (
  SELECT "organizationId", COALESCE(tier, '') AS tier, "firstEventAt"::date AS day, 1 AS tenants, "windowEvents" AS events, "windowCostUsd" AS cost, 0 AS last FROM "Tenant"
  UNION ALL
  SELECT "organizationId", COALESCE(tier, ''), "lastEventAt"::date, 0, 0, 0, 1 FROM "Tenant"
) c GROUP BY 1, 2, 3;
