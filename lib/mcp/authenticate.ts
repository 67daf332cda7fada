import "server-only";
import { AppError, errorBody } from "../core/errors";
import { authenticateKey } from "../auth/api-keys";
import { scopeAllows } from "../auth/roles";

/** `Authorization: Bearer <key>` with the `read` scope (or admin), else a JSON 401/403 saying what to do. */
export async function authenticateMcpRequest(req: Request): Promise<{ organizationId: string; apiKeyId: string } | Response> {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization")?.trim() ?? "");
  let key: Awaited<ReturnType<typeof authenticateKey>> = null;
  try {
    key = m ? await authenticateKey(m[1].trim()) : null;
  } catch (err) {
    // a client backing off after repeated invalid keys: 429 with Retry-After
    if (err instanceof AppError) return Response.json(errorBody(err.code, err.message), { status: err.status, headers: err.headers });
    throw err;
  }
  if (!key) {
    return Response.json(
      errorBody("unauthorized", "Send an API key with the read scope: `Authorization: Bearer <key>` (Admin → API keys)."),
      {
        status: 401,
        headers: { "WWW-Authenticate": 'Bearer realm="spendline"' },
      },
    );
  }
  if (!scopeAllows(key.scopes, "dashboards.read"))
    return Response.json(errorBody("forbidden", "This API key lacks the read scope."), { status: 403 });
  return { organizationId: key.organizationId, apiKeyId: key.keyId };
}
