-- Issue 23 items 1-4 (decision 045): the service tier of an event, its priced lines and its
-- internal margin, and price-book rules per service tier, markups, margins, ignoring the catalog,
-- per-unit prices and time-based endpoint prices. CostEvent is partitioned: ALTER on the
-- parent reaches every partition.
ALTER TABLE "CostEvent" ADD COLUMN "serviceTier" TEXT;
ALTER TABLE "CostEvent" ADD COLUMN "priceLines" JSONB;
ALTER TABLE "CostEvent" ADD COLUMN "marginUsd" DECIMAL(24,12);

ALTER TABLE "PriceOverride" ADD COLUMN "serviceTier" TEXT;
ALTER TABLE "PriceOverride" ADD COLUMN "percent" DECIMAL(9,4);
ALTER TABLE "PriceOverride" ADD COLUMN "unitPrices" JSONB;
ALTER TABLE "PriceOverride" ADD COLUMN "perHourUsd" DECIMAL(24,12);
ALTER TABLE "PriceOverride" ADD COLUMN "allocationRule" TEXT;
