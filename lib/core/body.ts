import { AppError } from "./errors";

/**
 * Request bodies, bounded. Every /api/v1 endpoint has a byte limit (its `bodyLimit` in the
 * contract, else the defaults below); the limit is checked first against Content-Length (before
 * authentication) and then while the body streams in, so a chunked or lying client is cut off
 * at the limit instead of being buffered whole (docs/security.md).
 */
export const KiB = 1024;
export const MiB = 1024 * KiB;

/** JSON bodies of settings, budgets, members…: the largest legitimate one is a few KiB. */
export const DEFAULT_JSON_BODY_LIMIT = 1 * MiB;
/** Bodies a handler reads itself (ingestion batches, OTLP): the ingestion contract's 2 MiB. */
export const DEFAULT_RAW_BODY_LIMIT = 2 * MiB;

export function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}

function tooLarge(limit: number, hint: string): AppError {
  return new AppError("payload_too_large", `Request body exceeds the limit of ${limit} bytes (${formatBytes(limit)}); ${hint}`);
}

/** A declared Content-Length over the limit: refuse before reading (or authenticating) anything. */
export function assertDeclaredLength(req: Request, limit: number, hint = "send a smaller body."): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && declared.trim() !== "" && Number(declared) > limit) throw tooLarge(limit, hint);
}

/**
 * Reads a request body with the byte limit enforced before any parsing: first from
 * Content-Length, then while streaming (a client may lie or use chunked encoding): the stream
 * is cancelled as soon as the limit is passed, so at most `limit` bytes are ever held.
 */
export async function readLimitedBody(req: Request, limit: number, hint = "send a smaller body."): Promise<Uint8Array> {
  assertDeclaredLength(req, limit, hint);
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
      throw tooLarge(limit, hint);
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

/** The media type of a request ("application/json"), lower case, without parameters. */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}
