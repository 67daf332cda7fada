import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { checkGuardrail } from "@/lib/guardrails/check-guardrail";

/** Applications ask before a model call; answered from memory (the policy snapshot, check-guardrail.ts), approved model routes and quota pacing included. */
export const POST = apiRoute(endpoints["POST /api/v1/guardrails/check"], async ({ principal, body }) =>
  checkGuardrail(principal.organizationId, body),
);
