import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { NextRequest } from "next/server";
import { authenticateMcpRequest } from "@/lib/mcp/authenticate";
import { createSpendlineMcp } from "@/lib/mcp/server";

/** MCP over streamable HTTP, stateless: each request gets its own server bound to the key's organisation. */
async function handle(req: NextRequest): Promise<Response> {
  const auth = await authenticateMcpRequest(req);
  if (auth instanceof Response) return auth;
  const server = createSpendlineMcp(auth);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(req);
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;
