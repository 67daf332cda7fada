import "server-only";
import { AppError } from "../api/errors";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from "./schemas";

/**
 * Reads a request body with the byte limit enforced before any parsing: first from
 * Content-Length, then while streaming (a client may lie or use chunked encoding).
 */
export async function readLimitedBody(req: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      `Request body exceeds the limit of ${limit} bytes (${Math.round(limit / 1048576)} MiB); send smaller batches.`,
    );
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

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
