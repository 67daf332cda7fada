import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { importPeopleMapping } from "@/lib/coding-agents/people-and-outcomes";
import { decodeUtf8, readLimitedBody } from "@/lib/ingestion/read-body";

export const POST = apiRoute(endpoints["POST /api/v1/coding-agents/people"], async ({ req, principal }) =>
  importPeopleMapping(principal.organizationId, decodeUtf8(await readLimitedBody(req)), actorOf(principal)),
);
