import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { importAgentFile, listAgentImports } from "@/lib/coding-agents/import-agent-usage";
import { decodeUtf8, readLimitedBody } from "@/lib/ingestion/read-body";

/** POST the provider's file as the body: ?source=…&account=<name>[&month=YYYY-MM&seat_usd=19]. */
export const POST = apiRoute(endpoints["POST /api/v1/coding-agents/imports"], async ({ req, principal, query }) =>
  importAgentFile(
    principal.organizationId,
    {
      account: query.account,
      source: query.source,
      text: decodeUtf8(await readLimitedBody(req)),
      via: principal.apiKeyId ? "api" : "upload",
      options: { month: query.month, seatUsd: query.seat_usd },
    },
    actorOf(principal),
  ),
);

export const GET = apiRoute(endpoints["GET /api/v1/coding-agents/imports"], async ({ principal }) => ({
  imports: await listAgentImports(principal.organizationId),
}));
