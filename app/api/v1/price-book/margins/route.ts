import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { marginsToWire } from "@/lib/api/contract/pricing";
import { readMargins } from "@/lib/pricing/margins";

export const GET = apiRoute(endpoints["GET /api/v1/price-book/margins"], async ({ principal, query }) =>
  marginsToWire(await readMargins(principal.organizationId, query.month)),
);
