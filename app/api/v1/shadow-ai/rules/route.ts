import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listRules, saveRule } from "@/lib/shadow-ai/shadow-ai";

export const GET = apiRoute(endpoints["GET /api/v1/shadow-ai/rules"], async ({ principal }) => ({
  rules: await listRules(principal.organizationId),
}));
export const POST = apiRoute(endpoints["POST /api/v1/shadow-ai/rules"], async ({ principal, body }) =>
  saveRule(principal.organizationId, body, actorOf(principal)),
);
