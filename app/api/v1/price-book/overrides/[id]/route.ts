import { actorOf, apiRoute } from "@/lib/api/route";
import { deleteOverride, updateOverride } from "@/lib/pricing/manage-overrides";
import { overrideInputSchema } from "@/lib/pricing/schemas";

export const PUT = apiRoute({ capability: "pricebook.edit", body: overrideInputSchema }, async ({ principal, body, params }) =>
  updateOverride(principal.organizationId, params.id, body, actorOf(principal)),
);

export const DELETE = apiRoute({ capability: "pricebook.edit" }, async ({ principal, params }) =>
  deleteOverride(principal.organizationId, params.id, actorOf(principal)),
);
