import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteOverride, updateOverride } from "@/lib/pricing/manage-overrides";

export const PUT = apiRoute(endpoints["PUT /api/v1/price-book/overrides/{id}"], async ({ principal, body, params }) =>
  updateOverride(principal.organizationId, params.id, body, actorOf(principal)),
);

export const DELETE = apiRoute(endpoints["DELETE /api/v1/price-book/overrides/{id}"], async ({ principal, params }) =>
  deleteOverride(principal.organizationId, params.id, actorOf(principal)),
);
