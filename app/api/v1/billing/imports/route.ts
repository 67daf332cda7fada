import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listImports } from "@/lib/billing/import-billing";
import { importWithProgress } from "@/lib/billing/import-progress";
import { decodeUtf8 } from "@/lib/core/body";

/** POST the provider's file as the body: ?source=openai_costs|…|focus&account=<name>[&progress=<token>]. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/imports"], async ({ readBody, principal, query }) => {
  // bounded by the endpoint's bodyLimit (lib/api/contract/billing.ts, 64 MiB)
  const text = decodeUtf8(await readBody());
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
