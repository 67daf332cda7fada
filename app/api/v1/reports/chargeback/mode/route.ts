import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { setChargebackMode } from "@/lib/month-close/close-month";

export const PUT = apiRoute(endpoints["PUT /api/v1/reports/chargeback/mode"], async ({ principal, body }) =>
  setChargebackMode(principal.organizationId, body.mode, actorOf(principal)),
);
