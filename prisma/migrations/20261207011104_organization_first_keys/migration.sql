-- AlterTable
ALTER TABLE "AgentImport" DROP CONSTRAINT "AgentImport_pkey",
ADD CONSTRAINT "AgentImport_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_pkey",
ADD CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "BillingImport" DROP CONSTRAINT "BillingImport_pkey",
ADD CONSTRAINT "BillingImport_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Commitment" DROP CONSTRAINT "Commitment_pkey",
ADD CONSTRAINT "Commitment_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "GuardrailDecision" DROP CONSTRAINT "GuardrailDecision_pkey",
ADD CONSTRAINT "GuardrailDecision_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "GuardrailLease" DROP CONSTRAINT "GuardrailLease_pkey",
ADD CONSTRAINT "GuardrailLease_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "GuardrailPolicy" DROP CONSTRAINT "GuardrailPolicy_pkey",
ADD CONSTRAINT "GuardrailPolicy_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "ProvisionedCapacity" DROP CONSTRAINT "ProvisionedCapacity_pkey",
ADD CONSTRAINT "ProvisionedCapacity_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Quota" DROP CONSTRAINT "Quota_pkey",
ADD CONSTRAINT "Quota_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "ShadowImport" DROP CONSTRAINT "ShadowImport_pkey",
ADD CONSTRAINT "ShadowImport_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Team" DROP CONSTRAINT "Team_pkey",
ADD CONSTRAINT "Team_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Tier" DROP CONSTRAINT "Tier_pkey",
ADD CONSTRAINT "Tier_pkey" PRIMARY KEY ("organizationId", "id");
