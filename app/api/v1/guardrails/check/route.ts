import { apiRoute } from "@/lib/api/route";
import { checkGuardrail } from "@/lib/guardrails/check-guardrail";
import { checkSchema } from "@/lib/guardrails/schemas";

/** Applications ask before a model call; answered from memory (see check-guardrail.ts). */
export const POST = apiRoute({ auth: "key", capability: "guardrails.check", body: checkSchema }, async ({ principal, body }) =>
  checkGuardrail(principal.organizationId, body),
);
