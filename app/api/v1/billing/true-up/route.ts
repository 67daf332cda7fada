import { actorOf, apiRoute } from "@/lib/api/route";
import { trueUpDeleteSchema, trueUpSchema } from "@/lib/billing/schemas";
import { applyTrueUp, removeTrueUp } from "@/lib/billing/true-up";

export const POST = apiRoute({ capability: "billing.manage", body: trueUpSchema }, async ({ principal, body }) =>
  applyTrueUp(principal.organizationId, body.month, body.allocation, actorOf(principal)),
);

export const DELETE = apiRoute({ capability: "billing.manage", query: trueUpDeleteSchema }, async ({ principal, query }) =>
  removeTrueUp(principal.organizationId, query.month, actorOf(principal)),
);
