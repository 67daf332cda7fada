import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { checkGuardrail } from "@/lib/guardrails/check-guardrail";

/** Applications ask before a model call; answered from memory (the policy snapshot, check-guardrail.ts), approved model routes and quota pacing included. */
export const POST = apiRoute(endpoints["POST /api/v1/guardrails/check"], async ({ principal, body }) => {
  // the key asking is identified by its credentials (budgets and rate limits by API key), never by the body
  const answer = await checkGuardrail(principal.organizationId, { ...body, apiKey: principal.apiKeyId });
  // a rate limit (decision 049): 429 with Retry-After, the body says which limit and how long
  if (answer.retry_after !== undefined) {
    return NextResponse.json(answer, { status: 429, headers: { "Retry-After": String(answer.retry_after) } });
  }
  return answer;
});
