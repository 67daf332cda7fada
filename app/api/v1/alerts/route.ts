import { apiRoute } from "@/lib/api/route";
import { listAlerts } from "@/lib/alerts/manage-alerts";
import { alertsQuerySchema } from "@/lib/alerts/schemas";

export const GET = apiRoute({ capability: "dashboards.read", query: alertsQuerySchema }, async ({ principal, query }) => ({
  alerts: await listAlerts(principal.organizationId, query),
}));
