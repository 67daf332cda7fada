import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { ingestOtlpTraces } from "@/lib/ingestion/ingest-otlp";
import { mediaType, readLimitedBody } from "@/lib/ingestion/read-body";

/** OTLP/HTTP trace export (JSON or protobuf): GenAI spans become cost events (lib/ingestion/ingest-otlp.ts). */
export const POST = apiRoute(endpoints["POST /api/v1/otlp/v1/traces"], async ({ req, principal }) => {
  const answer = await ingestOtlpTraces(principal.organizationId, mediaType(req), () => readLimitedBody(req), principal.apiKeyId ?? null);
  if (answer.encoding === "json") return answer.body;
  return new Response(Buffer.from(answer.bytes), { status: 200, headers: { "content-type": "application/x-protobuf" } });
});
