import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { checkGuardrail } from "@/lib/guardrails/check-guardrail";
import { checkSchema } from "@/lib/guardrails/schemas";

/** Applications ask before a model call; answered from memory (see check-guardrail.ts). */
export const POST = apiRoute(endpoints["POST /api/v1/guardrails/check"], async ({ principal, body }) =>
  checkGuardrail(principal.organizationId, body),
);
