import type { ZodType } from "zod";
import type { Capability } from "../auth/roles";
import { env } from "../env";

/**
 * The shape of one endpoint of the API contract (lib/api/endpoints.ts lists them all; the
 * route wrapper enforces them, the OpenAPI document and the reference page are generated from
 * them). No server imports: the reference page and tests read these too.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Endpoint<Q extends ZodType = ZodType, B extends ZodType = ZodType, R extends ZodType = ZodType> = {
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/v1/budgets/{id} */
  path: string;
  summary: string;
  description?: string;
  /** "session": people only; "key": API keys only; default: either */
  auth?: "session" | "key" | "either";
  capability: Capability | "events.ingest";
  query?: Q;
  /** JSON body schema; omit when the handler reads the body itself (then describe it in `rawBody`) */
  body?: B;
  /** Request bodies the handler reads itself: content type → description (and schema, when JSON). */
  rawBody?: Record<string, { description: string; schema?: ZodType }>;
  /**
   * The most bytes the body may have (413 beyond, checked before authentication and while
   * streaming). Default: 1 MiB for JSON bodies, 2 MiB for bodies the handler reads itself
   * (lib/core/body.ts); file uploads declare theirs.
   */
  bodyLimit?: number;
  /** The JSON answer; checked against the handler's result in development and tests. */
  response?: R;
  /** Status of the JSON answer (default 200). */
  status?: 200 | 201;
  /** Non-JSON answers (CSV, PDF, protobuf): content type → description. */
  otherResponses?: Record<string, string>;
  /** Path parameters: name → description. */
  params?: Record<string, string>;
};

/** Declare an endpoint, keeping its schemas' types for the handler. */
export function defineEndpoint<
  Q extends ZodType = ZodType<undefined>,
  B extends ZodType = ZodType<undefined>,
  R extends ZodType = ZodType<unknown>,
>(e: Endpoint<Q, B, R>): Endpoint<Q, B, R> {
  return e;
}

/** Response checks run everywhere but production (development, tests); SPENDLINE_CHECK_RESPONSES=1 forces them. */
export function checkResponses(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.SPENDLINE_CHECK_RESPONSES === "1";
}

/** Throws when a handler answered something its response schema does not describe (a contract bug). */
export function assertMatchesContract(schema: ZodType, out: unknown, where: string): void {
  const wire = out === undefined ? undefined : JSON.parse(JSON.stringify(out));
  const parsed = schema.safeParse(wire);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new Error(`Response of ${where} does not match its schema in lib/api/endpoints.ts: ${detail}`);
  }
}
