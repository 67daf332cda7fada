-- Organisation-first primary keys for the remaining organisation-scoped tables, see docs/scaling.md.
-- No foreign key points at these ids, and every lookup by id now names the organisation.

-- AlterTable
ALTER TABLE "AgentConnector" DROP CONSTRAINT "AgentConnector_pkey",
ADD CONSTRAINT "AgentConnector_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_pkey",
ADD CONSTRAINT "Alert_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Assessment" DROP CONSTRAINT "Assessment_pkey",
ADD CONSTRAINT "Assessment_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "BackgroundJob" DROP CONSTRAINT "BackgroundJob_pkey",
ADD CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "BillingAccount" DROP CONSTRAINT "BillingAccount_pkey",
ADD CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Budget" DROP CONSTRAINT "Budget_pkey",
ADD CONSTRAINT "Budget_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Feature" DROP CONSTRAINT "Feature_pkey",
ADD CONSTRAINT "Feature_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "FixedCost" DROP CONSTRAINT "FixedCost_pkey",
ADD CONSTRAINT "FixedCost_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_pkey",
ADD CONSTRAINT "Membership_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "PolicyDraft" DROP CONSTRAINT "PolicyDraft_pkey",
ADD CONSTRAINT "PolicyDraft_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "PriceOverride" DROP CONSTRAINT "PriceOverride_pkey",
ADD CONSTRAINT "PriceOverride_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "ShadowRule" DROP CONSTRAINT "ShadowRule_pkey",
ADD CONSTRAINT "ShadowRule_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "WebhookDelivery" DROP CONSTRAINT "WebhookDelivery_pkey",
ADD CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "WebhookEndpoint" DROP CONSTRAINT "WebhookEndpoint_pkey",
ADD CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("organizationId", "id");
