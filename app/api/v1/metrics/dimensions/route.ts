import { apiRoute } from "@/lib/api/route";
import { listDimensions } from "@/lib/metrics/dimensions";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/dimensions: the teams and models the filters can choose from. */
export const GET = apiRoute({ capability: "dashboards.read" }, ({ principal }) => listDimensions(principal.organizationId));
