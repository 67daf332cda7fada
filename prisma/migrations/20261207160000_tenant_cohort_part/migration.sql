-- Decision 054: the freemium trap with a feature or model filter without reading one row per
-- tenant: TenantCohortPart (free tenants' window parts by tier, feature, first-event day, model)
-- and TenantWindowRank (each free tenant's window cost per feature, model and both), kept exactly
-- by ingestion (Tenant.windowTier: the tier its parts are counted under; windowVersion: whether a
-- batch may move them itself), the window repair and rebuilds. Filled here from TenantWindow.

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "windowTier" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "windowVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TenantCohortPart" (
    "organizationId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "model" TEXT NOT NULL,
    "events" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TenantCohortPart_pkey" PRIMARY KEY ("organizationId","tier","feature","day","model")
);

-- CreateTable
CREATE TABLE "TenantWindowRank" (
    "organizationId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "TenantWindowRank_pkey" PRIMARY KEY ("organizationId","tenantId","feature","model")
);

-- the existing tenants' parts are counted under their latest tier ('' already for none)
UPDATE "Tenant" SET "windowTier" = tier WHERE tier IS NOT NULL AND tier <> '';

-- the free tier's (TENANT_PART.tiers in lib/rollups/definition.ts)
INSERT INTO "TenantCohortPart" ("organizationId", tier, feature, day, model, events, "costUsd")
SELECT w."organizationId", t.tier, w.feature, w."firstAt"::date, w.model, sum(w.events)::bigint, sum(w."costUsd")
FROM "TenantWindow" w JOIN "Tenant" t ON t."organizationId" = w."organizationId" AND t."externalId" = w."tenantId"
WHERE t.tier = 'free'
GROUP BY 1, 2, 3, 4, 5;

-- the same tenants' parts per (feature, model), per feature and per model ('' = every one)
INSERT INTO "TenantWindowRank" ("organizationId", "tenantId", feature, model, "costUsd")
SELECT w."organizationId", w."tenantId", w.feature, w.model, w."costUsd"
FROM "TenantWindow" w JOIN "Tenant" t ON t."organizationId" = w."organizationId" AND t."externalId" = w."tenantId"
WHERE t.tier = 'free';
INSERT INTO "TenantWindowRank" ("organizationId", "tenantId", feature, model, "costUsd")
SELECT w."organizationId", w."tenantId", w.feature, '', sum(w."costUsd")
FROM "TenantWindow" w JOIN "Tenant" t ON t."organizationId" = w."organizationId" AND t."externalId" = w."tenantId"
WHERE t.tier = 'free'
GROUP BY w."organizationId", w."tenantId", w.feature;
INSERT INTO "TenantWindowRank" ("organizationId", "tenantId", feature, model, "costUsd")
SELECT w."organizationId", w."tenantId", '', w.model, sum(w."costUsd")
FROM "TenantWindow" w JOIN "Tenant" t ON t."organizationId" = w."organizationId" AND t."externalId" = w."tenantId"
WHERE t.tier = 'free'
GROUP BY w."organizationId", w."tenantId", w.model;

-- CreateIndex (after the fill: one sort instead of row-by-row inserts)
CREATE INDEX "TenantCohortPart_organizationId_tier_model_day_feature_idx" ON "TenantCohortPart"("organizationId", "tier", "model", "day", "feature");

-- CreateIndex
CREATE INDEX "TenantWindowRank_organizationId_feature_model_costUsd_tenan_idx" ON "TenantWindowRank"("organizationId", "feature", "model", "costUsd" DESC, "tenantId");
