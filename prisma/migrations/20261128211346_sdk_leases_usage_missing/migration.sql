-- AlterTable
ALTER TABLE "CostEvent" ADD COLUMN     "usageMissing" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "GuardrailLease" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "amountUsd" DECIMAL(24,12) NOT NULL,
    "usedUsd" DECIMAL(24,12),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuardrailLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuardrailLease_budgetId_expiresAt_idx" ON "GuardrailLease"("budgetId", "expiresAt");
