import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { importBillingFile, listImports } from "@/lib/billing/import-billing";
import { decodeUtf8 } from "@/lib/api/body";

/** POST the provider's file as the body: ?source=openai_costs|…|focus&account=<name>. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/imports"], async ({ readBody, principal, query }) => {
  // bounded by the endpoint's bodyLimit (lib/api/contract/billing.ts)
  const text = decodeUtf8(await readBody());
  return importBillingFile(
    principal.organizationId,
    { account: query.account, source: query.source, text, via: principal.apiKeyId ? "api" : "upload" },
    actorOf(principal),
  );
});

export const GET = apiRoute(endpoints["GET /api/v1/billing/imports"], async ({ principal }) => ({
  imports: await listImports(principal.organizationId),
}));
