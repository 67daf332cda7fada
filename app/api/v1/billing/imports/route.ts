import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listImports } from "@/lib/billing/import-billing";
import { importWithProgress } from "@/lib/billing/import-progress";
import { BILLING_FILE_MAX_BYTES } from "@/lib/billing/schemas";
import { decodeUtf8, readLimitedBody } from "@/lib/ingestion/read-body";

/** POST the provider's file as the body: ?source=openai_costs|…|focus&account=<name>[&progress=<token>]. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/imports"], async ({ req, principal, query }) => {
  const text = decodeUtf8(await readLimitedBody(req, BILLING_FILE_MAX_BYTES));
  return importWithProgress(
    principal.organizationId,
    query.progress,
    { account: query.account, source: query.source, text, via: principal.apiKeyId ? "api" : "upload" },
    actorOf(principal),
  );
});

export const GET = apiRoute(endpoints["GET /api/v1/billing/imports"], async ({ principal }) => ({
  imports: await listImports(principal.organizationId),
}));
