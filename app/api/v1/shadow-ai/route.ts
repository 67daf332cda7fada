import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getShadowAi } from "@/lib/shadow-ai/shadow-ai";

export const GET = apiRoute(endpoints["GET /api/v1/shadow-ai"], async ({ principal, query }) =>
  getShadowAi(principal.organizationId, query.month),
);
