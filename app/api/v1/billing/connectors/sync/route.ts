import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { syncAccount } from "@/lib/billing/sync-connector";

/** Pull an account's invoice now instead of waiting for the daily run. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/connectors/sync"], async ({ principal, body }) => {
  const acc = await db().billingAccount.findUnique({
    where: { organizationId_name: { organizationId: principal.organizationId, name: body.account } },
  });
  if (!acc) throw new AppError("not_found", `No billing account "${body.account}".`);
  try {
    return { account: acc.name, imports: await syncAccount(principal.organizationId, acc.id) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("unavailable", `The ${acc.provider} admin API could not be read: ${(e as Error).message}`);
  }
});
