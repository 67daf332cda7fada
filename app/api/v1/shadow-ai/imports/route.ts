import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { importShadowFile } from "@/lib/shadow-ai/shadow-ai";
import { decodeUtf8, readLimitedBody } from "@/lib/ingestion/read-body";

/** POST the CSV as the body: ?source=expense|card|focus&account=<name>[&date=<column>&merchant=<column>…]. */
export const POST = apiRoute(endpoints["POST /api/v1/shadow-ai/imports"], async ({ req, principal, query }) => {
  const { source, account, ...mapping } = query;
  return importShadowFile(
    principal.organizationId,
    { account, source, mapping, text: decodeUtf8(await readLimitedBody(req)), via: principal.apiKeyId ? "api" : "upload" },
    actorOf(principal),
  );
});
