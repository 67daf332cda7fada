import "server-only";
import { AppError } from "../core/errors";
import { decodeUtf8, mediaType, readLimitedBody as readBounded } from "../core/body";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "./schemas";

/** The shared bounded reader (lib/core/body.ts), with the ingestion contract's 2 MiB default. */
export function readLimitedBody(req: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  return readBounded(req, limit, "send smaller batches.");
}

export { decodeUtf8, mediaType };

const JSON_TYPES = new Set(["application/json"]);
const NDJSON_TYPES = new Set(["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"]);

/** The events of a POST /api/v1/events body: JSON array, { events: [...] }, or NDJSON. */
export async function readEventsBody(req: Request): Promise<unknown[]> {
  const type = mediaType(req);
  const isJson = JSON_TYPES.has(type);
  const isNdjson = NDJSON_TYPES.has(type);
  if (!isJson && !isNdjson) {
    throw new AppError(
      "unsupported_media_type",
      `Unsupported Content-Type "${type || "(none)"}": send application/json (an array or { "events": [...] }) or application/x-ndjson.`,
    );
  }
  const text = decodeUtf8(await readLimitedBody(req));
  let events: unknown[];
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new AppError("bad_request", `The request body is not valid JSON (${(e as Error).message}).`);
    }
    if (Array.isArray(parsed)) events = parsed;
    else if (parsed && typeof parsed === "object" && Array.isArray((parsed as { events?: unknown }).events)) {
      events = (parsed as { events: unknown[] }).events;
    } else {
      throw new AppError("bad_request", 'Expected a JSON array of events or an object { "events": [...] }.');
    }
  } else {
    events = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      if (events.length >= MAX_EVENTS_PER_REQUEST) {
        events.push(null); // enough to trip the count limit below without parsing the rest
        break;
      }
      try {
        events.push(JSON.parse(line));
      } catch (e) {
        throw new AppError("bad_request", `NDJSON line ${i + 1} is not valid JSON (${(e as Error).message}).`);
      }
    }
  }
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError("payload_too_large", `Too many events: at most ${MAX_EVENTS_PER_REQUEST} per request; split the batch.`);
  }
  return events;
}
