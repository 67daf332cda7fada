import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { applyTrueUp, removeTrueUp } from "@/lib/billing/true-up";

export const POST = apiRoute(endpoints["POST /api/v1/billing/true-up"], async ({ principal, body }) =>
  applyTrueUp(principal.organizationId, body.month, body.allocation, actorOf(principal)),
);

export const DELETE = apiRoute(endpoints["DELETE /api/v1/billing/true-up"], async ({ principal, query }) =>
  removeTrueUp(principal.organizationId, query.month, actorOf(principal)),
);
