-- AlterTable
ALTER TABLE "ChargebackPeriod" ADD COLUMN     "reopenReason" TEXT,
ADD COLUMN     "reports" JSONB;
