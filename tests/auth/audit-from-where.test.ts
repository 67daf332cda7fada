import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { createOrganization } from "@/lib/orgs/manage-members";

/** Issue 19 item 12: every audit entry keeps who, what and from where. */
useTestDatabase();

test("an entry records the actor's client address and user agent", async () => {
  const org = await createOrganization("audit-where", "Audit where");
  await writeAudit({
    organizationId: org.id,
    actor: { userId: null, apiKeyId: "key_1", ip: "198.51.100.4", userAgent: "curl/8.5.0" },
    action: "budget.create",
    targetType: "budget",
    targetId: "b1",
    after: { amount: "10" },
  });
  const row = await db().auditLog.findFirstOrThrow({ where: { organizationId: org.id } });
  expect(row).toMatchObject({ actorApiKeyId: "key_1", action: "budget.create", actorIp: "198.51.100.4", actorUserAgent: "curl/8.5.0" });
});

test("outside a request (CLI, background work) an entry has no address: the installation did it", async () => {
  const org = await createOrganization("audit-system", "Audit system");
  await writeAudit({
    organizationId: org.id,
    actor: { userId: null, apiKeyId: null },
    action: "chargeback.close",
    after: { month: "2026-10" },
  });
  const row = await db().auditLog.findFirstOrThrow({ where: { organizationId: org.id } });
  expect(row).toMatchObject({ actorUserId: null, actorApiKeyId: null, actorIp: null, actorUserAgent: null });
});
