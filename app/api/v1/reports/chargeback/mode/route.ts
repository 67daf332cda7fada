import { actorOf, apiRoute } from "@/lib/api/route";
import { setChargebackMode } from "@/lib/chargeback/close-month";
import { modeSchema } from "@/lib/chargeback/schemas";

export const PUT = apiRoute({ capability: "chargeback.close", body: modeSchema }, async ({ principal, body }) =>
  setChargebackMode(principal.organizationId, body.mode, actorOf(principal)),
);
