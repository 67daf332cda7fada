import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteRule } from "@/lib/shadow-ai/shadow-ai";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/shadow-ai/rules/{id}"], async ({ principal, params }) =>
  deleteRule(principal.organizationId, params.id, actorOf(principal)),
);
