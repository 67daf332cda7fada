import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteEndpointWindow } from "@/lib/chargeback/endpoint-windows";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/price-book/endpoint-windows/{id}"], async ({ principal, params }) =>
  deleteEndpointWindow(principal.organizationId, params.id, actorOf(principal)),
);
