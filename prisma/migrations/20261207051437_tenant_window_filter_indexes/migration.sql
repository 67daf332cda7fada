-- The freemium trap with a feature or model filter reads only the matching parts of the
-- cohort's windows (decision 054)
CREATE INDEX "TenantWindow_organizationId_feature_firstAt_model_tenantId_idx" ON "TenantWindow"("organizationId", "feature", "firstAt", "model", "tenantId");

CREATE INDEX "TenantWindow_organizationId_model_firstAt_feature_tenantId_idx" ON "TenantWindow"("organizationId", "model", "firstAt", "feature", "tenantId");
