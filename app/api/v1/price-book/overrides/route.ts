import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { createOverride, listOverrides } from "@/lib/pricing/manage-overrides";

export const GET = apiRoute(endpoints["GET /api/v1/price-book/overrides"], async ({ principal }) => ({
  overrides: await listOverrides(principal.organizationId),
}));

/** Creating an override that starts in the past answers with the restatement job id. */
export const POST = apiRoute(endpoints["POST /api/v1/price-book/overrides"], async ({ principal, body }) =>
  createOverride(principal.organizationId, body, actorOf(principal)),
);
