import { apiRoute } from "@/lib/api/route";
import { checkWithModelRoutes } from "@/lib/opportunities/model-routes";
import { checkSchema } from "@/lib/guardrails/schemas";

/** Applications ask before a model call; answered from memory (see check-guardrail.ts), then approved model routes. */
export const POST = apiRoute({ auth: "key", capability: "guardrails.check", body: checkSchema }, async ({ principal, body }) =>
  checkWithModelRoutes(principal.organizationId, body),
);
