-- Budgets by more scopes (tenant, user, environment, model), in tokens or requests as well as
-- USD, over rolling windows as well as calendar months (decision 049).
ALTER TABLE "Budget" ADD COLUMN "unit" TEXT NOT NULL DEFAULT 'usd';
ALTER TABLE "Budget" ADD COLUMN "window" TEXT NOT NULL DEFAULT 'month';
DROP INDEX "Budget_organizationId_scope_scopeRef_key";
CREATE UNIQUE INDEX "Budget_organizationId_scope_scopeRef_unit_window_key" ON "Budget"("organizationId", "scope", "scopeRef", "unit", "window");
-- rate limits by user read the user's recent events
CREATE INDEX "CostEvent_organizationId_userId_timestamp_idx" ON "CostEvent"("organizationId", "userId", "timestamp");
