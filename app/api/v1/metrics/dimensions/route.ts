import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { readers } from "@/lib/api/readers";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/dimensions: the teams and models the filters can choose from. The same reader renders the dashboard's first paint (lib/api/readers.ts). */
export const GET = apiRoute(endpoints["GET /api/v1/metrics/dimensions"], readers["GET /api/v1/metrics/dimensions"]);
