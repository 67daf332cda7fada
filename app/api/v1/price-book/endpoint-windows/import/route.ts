import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { decodeUtf8 } from "@/lib/core/body";
import { endpointWindowToWire, importEndpointWindows } from "@/lib/chargeback/endpoint-windows";

export const dynamic = "force-dynamic";

/** POST the CSV as the body: every valid line is stored, the others come back with their line number and why. */
export const POST = apiRoute(endpoints["POST /api/v1/price-book/endpoint-windows/import"], async ({ readBody, principal }) => {
  const r = await importEndpointWindows(principal.organizationId, decodeUtf8(await readBody()), actorOf(principal));
  return { created: r.created, windows: r.windows.map(endpointWindowToWire), rejected: r.rejected };
});
