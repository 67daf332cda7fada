import { actorOf, apiRoute } from "@/lib/api/route";
import { retentionInputSchema, retentionView, setRetention } from "@/lib/storage/retention";

/** Raw-event retention of the organisation: months kept (null: forever), partitions, dropped months. */
export const GET = apiRoute({ capability: "retention.manage" }, async ({ principal }) => retentionView(principal.organizationId));

export const PUT = apiRoute({ capability: "retention.manage", body: retentionInputSchema }, async ({ principal, body }) =>
  setRetention(principal.organizationId, body.raw_event_retention_months, actorOf(principal)),
);
