import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z, ZodError, type ZodType } from "zod";
import { authenticateKey } from "../auth/api-keys";
import { can, scopeAllows, type Capability } from "../auth/roles";
import { currentMember } from "../auth/session";
import type { Principal } from "../auth/principal";
import { env } from "../env";
import { AppError, errorBody, type Issue } from "../core/errors";
import {
  DEFAULT_JSON_BODY_LIMIT,
  DEFAULT_RAW_BODY_LIMIT,
  assertDeclaredLength,
  decodeUtf8,
  mediaType,
  readLimitedBody,
} from "../core/body";
import { crossOriginProblem, isJsonMediaType } from "./same-origin";
import { nulIssues } from "./nul";
import { isDatabaseUnavailable, isRecordNotFound } from "../db/errors";
import { observeRequest } from "../health/metrics";
import { assertMatchesContract, checkResponses, type Endpoint } from "./route-contract";
import type { Wire } from "../core/wire";

/**
 * The one wrapper every /api/v1 route goes through (docs/api.md): authenticate
 * (session cookie or `Authorization: Bearer <key>`), check the role or key scope, parse the
 * query and body with zod, call the domain, answer. Errors are mapped here and only here.
 */

type Ctx<Q, B> = {
  req: NextRequest;
  principal: Principal;
  query: Q;
  body: B;
  params: Record<string, string>;
  requestId: string;
  /** The raw body of an endpoint with `rawBody`, bounded by its `bodyLimit` (413 beyond). */
  readBody: () => Promise<Uint8Array>;
};

type Options<Q extends ZodType, B extends ZodType, R extends ZodType> = Pick<
  Endpoint<Q, B, R>,
  "auth" | "capability" | "query" | "body" | "response" | "status"
> &
  Partial<Endpoint<Q, B, R>>;

export function zodIssues(err: ZodError, prefix = ""): Issue[] {
  return err.issues.map((i) => ({
    path: prefix + i.path.map(String).join("."),
    message: i.message,
  }));
}

function json(status: number, body: unknown, headers?: Record<string, string>) {
  return NextResponse.json(body, { status, headers });
}

/** Whether the request will be authenticated by the session cookie (not by an API key). */
function viaSession(req: NextRequest, mode: "session" | "key" | "either"): boolean {
  return mode !== "key" && !(req.headers.get("authorization") && mode !== "session");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Before any authentication work: a declared body over the endpoint's limit (413), and for
 * writes with the session cookie, proof of same origin (403) and a content type an HTML form
 * cannot send cross-site (415). API-key requests carry no ambient credential: unaffected.
 */
function screen(
  req: NextRequest,
  opts: { auth?: "session" | "key" | "either"; body?: unknown; rawBody?: Record<string, unknown> },
  limit: number,
) {
  if (SAFE_METHODS.has(req.method)) return;
  assertDeclaredLength(req, limit);
  if (!viaSession(req, opts.auth ?? "either")) return;
  const problem = crossOriginProblem(
    {
      origin: req.headers.get("origin"),
      secFetchSite: req.headers.get("sec-fetch-site"),
      host: req.headers.get("host") ?? req.nextUrl.host,
    },
    env().NEXTAUTH_URL,
  );
  if (problem) throw new AppError("forbidden", problem);
  const type = mediaType(req);
  if (opts.body && !isJsonMediaType(type)) {
    throw new AppError("unsupported_media_type", `Unsupported Content-Type "${type || "(none)"}": send the body as application/json.`);
  }
  if (opts.rawBody && !Object.keys(opts.rawBody).includes(type)) {
    throw new AppError(
      "unsupported_media_type",
      `Unsupported Content-Type "${type || "(none)"}": send one of ${Object.keys(opts.rawBody).join(", ")}.`,
    );
  }
}

async function authenticate(req: NextRequest, mode: "session" | "key" | "either"): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header && mode !== "session") {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    const principal = m ? await authenticateKey(m[1].trim()) : null;
    if (!principal) throw new AppError("unauthorized", "Invalid or revoked API key. Create one under Admin → API keys.");
    return { organizationId: principal.organizationId, apiKeyId: principal.keyId, scopes: principal.scopes };
  }
  if (mode === "key") throw new AppError("unauthorized", "Missing API key: send `Authorization: Bearer <key>`.");
  const member = await currentMember();
  if (!member) throw new AppError("unauthorized", "Sign in, or send `Authorization: Bearer <key>`.");
  return { organizationId: member.organizationId, member, role: member.role };
}

function authorize(p: Principal, capability: Capability | "events.ingest") {
  if (p.apiKeyId) {
    if (!scopeAllows(p.scopes ?? [], capability)) {
      throw new AppError("forbidden", `This API key lacks the scope for ${capability}.`);
    }
    return;
  }
  if (capability === "events.ingest" || !can(p.role!, capability)) {
    throw new AppError("forbidden", `Your role (${p.role}) may not do this (${capability}).`);
  }
}

export function apiRoute<
  Q extends ZodType = ZodType<undefined>,
  B extends ZodType = ZodType<undefined>,
  R extends ZodType = ZodType<unknown>,
>(opts: Options<Q, B, R>, handler: (ctx: Ctx<z.infer<Q>, z.infer<B>>) => Promise<Response | Wire<z.output<R>>>) {
  const handle = async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => {
    const requestId = randomUUID();
    try {
      const limit = opts.bodyLimit ?? (opts.rawBody ? DEFAULT_RAW_BODY_LIMIT : DEFAULT_JSON_BODY_LIMIT);
      screen(req, opts, limit);
      const principal = await authenticate(req, opts.auth ?? "either");
      authorize(principal, opts.capability);
      let query: unknown = undefined;
      if (opts.query) {
        const raw = Object.fromEntries(req.nextUrl.searchParams);
        const nul = nulIssues(raw);
        if (nul.length) throw new AppError("validation_failed", "Invalid query parameters.", nul);
        const parsed = opts.query.safeParse(raw);
        if (!parsed.success) throw new AppError("validation_failed", "Invalid query parameters.", zodIssues(parsed.error));
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (opts.body) {
        const text = decodeUtf8(await readLimitedBody(req, limit));
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw new AppError("bad_request", "The request body is not valid JSON.");
        }
        const nul = nulIssues(raw);
        if (nul.length) throw new AppError("validation_failed", "Invalid request body.", nul);
        const parsed = opts.body.safeParse(raw);
        if (!parsed.success) throw new AppError("validation_failed", "Invalid request body.", zodIssues(parsed.error));
        body = parsed.data;
      }
      const params = (await route?.params) ?? {};
      const nulParams = nulIssues(params, "params.");
      if (nulParams.length) throw new AppError("validation_failed", "Invalid path.", nulParams);
      const readBody = () => readLimitedBody(req, limit);
      const out = await handler({
        req,
        principal,
        query: query as z.infer<Q>,
        body: body as z.infer<B>,
        params,
        requestId,
        readBody,
      });
      if (out instanceof Response) return out;
      if (opts.response && checkResponses()) {
        assertMatchesContract(opts.response, out, `${opts.method ?? req.method} ${opts.path ?? req.nextUrl.pathname}`);
      }
      return json(opts.status ?? 200, out);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
  // latency per route for /metrics, and the in-flight count a graceful shutdown waits for (lib/health)
  return async (req: NextRequest, route: { params: Promise<Record<string, string>> }) => {
    const done = observeRequest(opts.method ?? req.method, opts.path ?? "other");
    const res = await handle(req, route);
    done(res.status);
    return res;
  };
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    return json(err.status, errorBody(err.code, err.message, err.issues), err.headers);
  }
  if (err instanceof ZodError) {
    return json(400, errorBody("validation_failed", "Invalid input.", zodIssues(err)));
  }
  if (isRecordNotFound(err)) {
    // an update/delete of a row that is not there (another tab deleted it; a name that never existed)
    return json(
      404,
      errorBody("not_found", "Not found: the record to change does not exist (it may have been deleted). Reload and try again."),
    );
  }
  if (isDatabaseUnavailable(err)) {
    console.error(`[${requestId}] database unavailable:`, (err as Error).message);
    return json(503, errorBody("unavailable", "The database is unreachable; nothing was written. Retry the same request."), {
      "Retry-After": "5",
    });
  }
  console.error(`[${requestId}] unhandled error:`, err);
  return json(500, errorBody("internal", `Internal error (request ${requestId}). It has been logged.`));
}
