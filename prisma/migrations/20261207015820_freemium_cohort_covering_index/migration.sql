-- DropIndex
DROP INDEX "Tenant_organizationId_tier_firstEventAt_idx";

-- CreateIndex
CREATE INDEX "Tenant_organizationId_tier_firstEventAt_lastEventAt_windowC_idx" ON "Tenant"("organizationId", "tier", "firstEventAt", "lastEventAt", "windowCostUsd", "windowEvents", "externalId");
