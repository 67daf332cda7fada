import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { overrideHistory } from "@/lib/pricing/manage-overrides";

export const GET = apiRoute(endpoints["GET /api/v1/price-book/history"], async ({ principal }) => ({
  history: await overrideHistory(principal.organizationId),
}));
