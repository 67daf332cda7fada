import { apiRoute } from "@/lib/api/route";
import { searchCatalog } from "@/lib/pricing/search-catalog";
import { catalogQuerySchema } from "@/lib/pricing/schemas";

export const GET = apiRoute({ capability: "pricebook.read", query: catalogQuerySchema }, async ({ query }) => ({
  models: searchCatalog(query.q ?? "", query.limit),
}));
