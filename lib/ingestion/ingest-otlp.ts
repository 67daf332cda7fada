import "server-only";
import { AppError } from "../core/errors";
import { ingestEvents } from "./ingest-events";
import { mapOtlpTraces } from "./otlp-map";
import { decodeTraceRequest, encodeTraceResponse } from "./otlp-proto";
import { decodeUtf8 } from "./read-body";
import { MAX_EVENTS_PER_REQUEST } from "./schemas";

export type OtlpAnswer =
  | { encoding: "protobuf"; bytes: Uint8Array }
  | { encoding: "json"; body: { partialSuccess?: { rejectedSpans: string; errorMessage: string } } };

/**
 * One OTLP/HTTP trace export (JSON or protobuf, by media type): spans with GenAI attributes
 * become cost events; the answer is an ExportTraceServiceResponse, in the request's encoding,
 * whose partial_success counts the spans that could not be stored.
 */
export async function ingestOtlpTraces(
  organizationId: string,
  type: string,
  readBody: () => Promise<Uint8Array>,
  apiKeyId: string | null = null,
): Promise<OtlpAnswer> {
  const proto = type === "application/x-protobuf" || type === "application/protobuf";
  if (!proto && type !== "application/json") {
    throw new AppError(
      "unsupported_media_type",
      `Unsupported Content-Type "${type || "(none)"}": OTLP/HTTP uses application/x-protobuf or application/json.`,
    );
  }
  // the media type is checked before the body is read: a wrong exporter setting answers 415, not 413
  const bytes = await readBody();
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
  const result = await ingestEvents(organizationId, mapped.events, { source: "otlp", apiKeyId });
  const rejected = result.rejected.length + mapped.malformed;
  const message = rejected
    ? result.rejected
        .slice(0, 5)
        .map((r) => `${r.id ?? `span ${r.index}`}: ${r.errors.join("; ")}`)
        .join(" | ") || "spans without ids or start time"
    : "";
  if (proto) return { encoding: "protobuf", bytes: encodeTraceResponse(rejected, message) };
  return { encoding: "json", body: rejected ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: message } } : {} };
}
