/** Recognises "the database cannot be reached" across node-postgres, Prisma and PGlite. */
const MARKERS = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "Connection terminated",
  "connect ECONNREFUSED",
  "DatabaseNotReachable",
  "Can't reach database server",
  "too many clients",
  "the database system is starting up",
  "the database system is shutting down",
  "terminating connection due to administrator command",
];

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; kind?: unknown; cause?: unknown };
    const text = `${String(o.code ?? "")} ${String(o.kind ?? "")} ${String(o.message ?? "")}`;
    if (MARKERS.some((m) => text.includes(m)) || o.code === "P1001" || o.code === "P1017") return true;
    e = o.cause;
  }
  return false;
}

/** Prisma's "record to update/delete does not exist" (P2025): a 404, not a 500. */
export function isRecordNotFound(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { code?: unknown }).code === "P2025";
}
