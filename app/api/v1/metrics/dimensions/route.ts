import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listDimensions } from "@/lib/metrics/dimensions";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/dimensions: the teams and models the filters can choose from. */
export const GET = apiRoute(endpoints["GET /api/v1/metrics/dimensions"], ({ principal }) => listDimensions(principal.organizationId));
