import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { createEndpointWindows, endpointWindowToWire, listEndpointWindows } from "@/lib/chargeback/endpoint-windows";

export const GET = apiRoute(endpoints["GET /api/v1/price-book/endpoint-windows"], async ({ principal, query }) => ({
  windows: (await listEndpointWindows(principal.organizationId, query.month)).map(endpointWindowToWire),
}));

export const POST = apiRoute(endpoints["POST /api/v1/price-book/endpoint-windows"], async ({ principal, body }) => ({
  windows: (await createEndpointWindows(principal.organizationId, body.windows, actorOf(principal))).map(endpointWindowToWire),
}));
