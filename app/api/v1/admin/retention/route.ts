import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { retentionView, setRetention } from "@/lib/storage/retention";

/** Raw-event retention of the organisation: months kept (null: forever), partitions, dropped months. */
export const GET = apiRoute(endpoints["GET /api/v1/admin/retention"], async ({ principal }) => retentionView(principal.organizationId));

export const PUT = apiRoute(endpoints["PUT /api/v1/admin/retention"], async ({ principal, body }) =>
  setRetention(principal.organizationId, body.raw_event_retention_months, actorOf(principal)),
);
