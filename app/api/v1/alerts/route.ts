import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listAlerts } from "@/lib/alerts/manage-alerts";

export const GET = apiRoute(endpoints["GET /api/v1/alerts"], async ({ principal, query }) => ({
  alerts: await listAlerts(principal.organizationId, principal, query),
}));
