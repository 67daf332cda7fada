-- CreateTable
CREATE TABLE "BillingImportJob" (
    "organizationId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "actorUserId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingImportJob_pkey" PRIMARY KEY ("organizationId","id")
);
