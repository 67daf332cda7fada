import { actorOf, apiRoute } from "@/lib/api/route";
import { reopenMonth } from "@/lib/chargeback/close-month";
import { closeMonthSchema } from "@/lib/chargeback/schemas";

export const POST = apiRoute({ capability: "chargeback.close", body: closeMonthSchema }, async ({ principal, body }) =>
  reopenMonth(principal.organizationId, body.month, actorOf(principal), body.reason),
);
