import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { reopenMonth } from "@/lib/month-close/close-month";

export const POST = apiRoute(endpoints["POST /api/v1/reports/chargeback/reopen"], async ({ principal, body }) =>
  reopenMonth(principal.organizationId, body.month, actorOf(principal), body.reason),
);
