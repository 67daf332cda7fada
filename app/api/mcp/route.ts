import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { NextRequest } from "next/server";
import { authenticateMcpRequest } from "@/lib/mcp/authenticate";
import { createSpendlineMcp } from "@/lib/mcp/server";
import { DEFAULT_JSON_BODY_LIMIT, assertDeclaredLength } from "@/lib/core/body";
import { AppError, errorBody } from "@/lib/core/errors";

/** MCP over streamable HTTP, stateless: each request gets its own server bound to the key's organisation. */
async function handle(req: NextRequest): Promise<Response> {
  // bodies are bounded like every /api/v1 JSON body: by Content-Length before the key is looked
  // up, and while streaming by the transport (maxRequestBodySize). API keys only: no CSRF surface.
  try {
    assertDeclaredLength(req, DEFAULT_JSON_BODY_LIMIT);
  } catch (e) {
    const err = e as AppError;
    return Response.json(errorBody(err.code, err.message), { status: err.status });
  }
  const auth = await authenticateMcpRequest(req);
  if (auth instanceof Response) return auth;
  const server = createSpendlineMcp(auth);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: DEFAULT_JSON_BODY_LIMIT,
  });
  await server.connect(transport);
  return transport.handleRequest(req);
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;
