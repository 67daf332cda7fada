import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { AppError } from "@/lib/api/errors";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { mapOtlpTraces } from "@/lib/ingestion/otlp-map";
import { decodeTraceRequest, encodeTraceResponse } from "@/lib/ingestion/otlp-proto";
import { decodeUtf8, mediaType, readLimitedBody } from "@/lib/ingestion/read-body";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/ingestion/schemas";

/**
 * OTLP/HTTP trace export (JSON or protobuf). Spans with GenAI attributes become cost events;
 * the answer is an ExportTraceServiceResponse whose partial_success counts the spans we
 * could not store (invalid), in the same encoding as the request.
 */
export const POST = apiRoute(endpoints["POST /api/v1/otlp/v1/traces"], async ({ req, principal }) => {
  const type = mediaType(req);
  const proto = type === "application/x-protobuf" || type === "application/protobuf";
  if (!proto && type !== "application/json") {
    throw new AppError(
      "unsupported_media_type",
      `Unsupported Content-Type "${type || "(none)"}": OTLP/HTTP uses application/x-protobuf or application/json.`,
    );
  }
  const bytes = await readLimitedBody(req);
  let body: unknown;
  try {
    body = proto ? decodeTraceRequest(bytes) : JSON.parse(decodeUtf8(bytes));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", `The request body is not a valid OTLP ${proto ? "protobuf" : "JSON"} trace export.`);
  }
  const mapped = mapOtlpTraces(body);
  if (mapped.events.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError(
      "payload_too_large",
      `Too many GenAI spans: at most ${MAX_EVENTS_PER_REQUEST} per request; lower the exporter's batch size.`,
    );
  }
  const result = await ingestEvents(principal.organizationId, mapped.events, { source: "otlp" });
  const rejected = result.rejected.length + mapped.malformed;
  const message = rejected
    ? result.rejected
        .slice(0, 5)
        .map((r) => `${r.id ?? `span ${r.index}`}: ${r.errors.join("; ")}`)
        .join(" | ") || "spans without ids or start time"
    : "";
  if (proto) {
    return new Response(Buffer.from(encodeTraceResponse(rejected, message)), {
      status: 200,
      headers: { "content-type": "application/x-protobuf" },
    });
  }
  return rejected ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } } : {};
});
