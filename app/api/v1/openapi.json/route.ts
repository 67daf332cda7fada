import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 document of this API (public: it describes, it reveals no data). */
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
