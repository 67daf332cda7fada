import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { setChargebackMode } from "@/lib/chargeback/close-month";

export const PUT = apiRoute(endpoints["PUT /api/v1/reports/chargeback/mode"], async ({ principal, body }) =>
  setChargebackMode(principal.organizationId, body.mode, actorOf(principal)),
);
