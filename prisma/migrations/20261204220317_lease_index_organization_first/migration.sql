-- DropIndex
DROP INDEX "GuardrailLease_budgetId_expiresAt_idx";

-- CreateIndex
CREATE INDEX "GuardrailLease_organizationId_budgetId_expiresAt_idx" ON "GuardrailLease"("organizationId", "budgetId", "expiresAt");
