-- Currencies (decision 047): the organisation's reporting currency, each billing account's
-- currency, the currency of imported invoice lines, and effective-dated FX rates.
ALTER TABLE "Organization" ADD COLUMN "reportingCurrency" TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE "BillingAccount" ADD COLUMN "currency" TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE "BillingImport" ADD COLUMN "currency" TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE "InvoiceLine" ADD COLUMN "currency" TEXT NOT NULL DEFAULT 'USD';

CREATE TABLE "FxRate" (
    "organizationId" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "rate" DECIMAL(24,12) NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FxRate_pkey" PRIMARY KEY ("organizationId","base","quote","day")
);
