/**
 * Recognises "the database cannot take this now" across node-postgres, Prisma and PGlite:
 * unreachable, restarting, or — during a failover — a connection still on the old primary now
 * in recovery (read-only) or reset under us. Such a request wrote nothing (each write is one
 * transaction), so the API answers 503 + Retry-After and the caller retries with the same ids.
 */
const MARKERS = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "Connection terminated",
  "Connection ended unexpectedly",
  "connect ECONNREFUSED",
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "Can't reach database server",
  "Server has closed the connection",
  "server closed the connection unexpectedly",
  "timeout exceeded when trying to connect",
  "Timed out fetching a new connection",
  "too many clients",
  "the database system is starting up",
  "the database system is shutting down",
  "the database system is in recovery mode",
  "the database system is not yet accepting connections",
  "terminating connection due to administrator command",
  "terminating connection because of crash of another server process",
  // a standby (the old primary demoted, or a balancer that has not switched yet)
  "cannot execute INSERT in a read-only transaction",
  "in a read-only transaction",
  "cannot execute LISTEN during recovery",
  // PgBouncer (transaction pooling in front of the balancer) while no leader answers behind it
  "query_wait_timeout",
  "server conn crashed",
  "server login has been failing",
  "pgbouncer cannot connect to server",
  "no more connections allowed",
];

/**
 * SQLSTATEs: connection exceptions (08…; PgBouncer reports its own, e.g. query_wait_timeout, as
 * 08P01), read-only transaction (25006), operator intervention (57P01–57P03).
 */
const SQLSTATES = new Set(["08000", "08001", "08003", "08004", "08006", "08P01", "25006", "57P01", "57P02", "57P03"]);
/** Prisma: can't reach (P1001), timed out (P1002), server closed the connection (P1017), pool timeout (P2024). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; kind?: unknown; cause?: unknown };
    const text = `${String(o.code ?? "")} ${String(o.kind ?? "")} ${String(o.message ?? "")}`;
    if (MARKERS.some((m) => text.includes(m))) return true;
    for (const c of [o.code, o.originalCode]) {
      if (typeof c === "string" && (SQLSTATES.has(c) || PRISMA_CODES.has(c))) return true;
    }
    e = o.cause;
  }
  return false;
}

/** Prisma's "record to update/delete does not exist" (P2025): a 404, not a 500. */
export function isRecordNotFound(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { code?: unknown }).code === "P2025";
}
