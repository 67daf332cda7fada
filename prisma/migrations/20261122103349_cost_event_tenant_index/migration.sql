-- CreateIndex
CREATE INDEX "CostEvent_organizationId_tenantId_timestamp_idx" ON "CostEvent"("organizationId", "tenantId", "timestamp");
