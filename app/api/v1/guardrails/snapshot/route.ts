import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { policySnapshot, waitForChange } from "@/lib/guardrails/policy-snapshot";

/**
 * The policy snapshot SDKs decide from. Conditional GET: with If-None-Match and `wait`
 * (seconds, ≤ 30) an unchanged snapshot is held until it changes or the time is up (304).
 */
export const GET = apiRoute(endpoints["GET /api/v1/guardrails/snapshot"], async ({ req, principal, query }) => {
  const org = principal.organizationId;
  const seen = (req.headers.get("if-none-match") ?? "").replace(/^W\//, "").replace(/"/g, "");
  let snap = await policySnapshot(org);
  if (seen && seen === snap.version && query.wait > 0) {
    await waitForChange(org, query.wait * 1000, req.signal);
    snap = await policySnapshot(org);
  }
  const headers = { etag: `"${snap.version}"`, "cache-control": "no-cache" };
  if (seen === snap.version) return new Response(null, { status: 304, headers });
  // the caller's own key id: budgets and rate limits by API key apply to the SDK's local decisions too
  const body = { ...snap, api_key_id: principal.apiKeyId ?? null };
  return new Response(JSON.stringify(body), { status: 200, headers: { ...headers, "content-type": "application/json" } });
});
