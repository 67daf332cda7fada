import { describe, expect, test } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";

/** What a failover throws at a request, as each layer reports it: all must become 503 + Retry-After, never 500. */
const wrap = (cause: unknown) => Object.assign(new Error("Invalid `prisma.costEvent.createMany()` invocation"), { cause });

describe("isDatabaseUnavailable: failover errors are 503, real errors are not", () => {
  test.each([
    ["old primary demoted: read-only (message)", new Error("cannot execute INSERT in a read-only transaction")],
    [
      "read-only as SQLSTATE on a driver-adapter error",
      wrap({ kind: "postgres", code: "25006", message: "cannot execute UPDATE in a read-only transaction" }),
    ],
    ["read-only via originalCode", wrap({ kind: "postgres", originalCode: "25006", message: "x" })],
    ["connection reset mid-query", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["server closed the connection", new Error("Connection terminated unexpectedly")],
    [
      "postmaster crash of a sibling",
      wrap({ code: "57P02", message: "terminating connection because of crash of another server process" }),
    ],
    ["admin shutdown", wrap({ code: "57P01", message: "terminating connection due to administrator command" })],
    ["in recovery, not accepting", new Error("the database system is in recovery mode")],
    ["standby refusing LISTEN", new Error("cannot execute LISTEN during recovery")],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["Prisma pool timeout", Object.assign(new Error("Timed out fetching a new connection from the connection pool"), { code: "P2024" })],
    ["Prisma: server closed", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["adapter kind ConnectionClosed", wrap({ kind: "ConnectionClosed" })],
    ["PgBouncer: no leader behind it in time", wrap({ kind: "postgres", code: "08P01", message: "query_wait_timeout" })],
    ["PgBouncer: server login failing", new Error("server login has been failing, try again later (server_login_retry)")],
    ["PgBouncer: server connection cut mid-query", new Error("server conn crashed?")],
  ])("%s → unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test.each([
    ["unique violation", wrap({ kind: "postgres", code: "23505", message: "duplicate key value violates unique constraint" })],
    ["syntax error", wrap({ kind: "postgres", code: "42601", message: "syntax error at or near" })],
    ["plain bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "ECONN"],
  ])("%s → not unavailable", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
