import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { searchCatalog } from "@/lib/pricing/search-catalog";

export const GET = apiRoute(endpoints["GET /api/v1/price-book/catalog"], async ({ query }) => ({
  models: searchCatalog(query.q ?? "", query.limit),
}));
