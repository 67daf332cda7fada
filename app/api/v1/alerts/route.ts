import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listAlerts } from "@/lib/alerts/manage-alerts";
import { alertsQuerySchema } from "@/lib/alerts/schemas";

export const GET = apiRoute(endpoints["GET /api/v1/alerts"], async ({ principal, query }) => ({
  alerts: await listAlerts(principal.organizationId, query),
}));
