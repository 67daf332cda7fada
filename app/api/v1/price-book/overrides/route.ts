import { actorOf, apiRoute } from "@/lib/api/route";
import { createOverride, listOverrides } from "@/lib/pricing/manage-overrides";
import { overrideInputSchema } from "@/lib/pricing/schemas";

export const GET = apiRoute({ capability: "pricebook.read" }, async ({ principal }) => ({
  overrides: await listOverrides(principal.organizationId),
}));

/** Creating an override that starts in the past answers with the restatement job id. */
export const POST = apiRoute({ capability: "pricebook.edit", body: overrideInputSchema }, async ({ principal, body }) =>
  createOverride(principal.organizationId, body, actorOf(principal)),
);
