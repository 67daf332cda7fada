import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { readers } from "@/lib/api/readers";

export const dynamic = "force-dynamic";

// the same reader the dashboard page renders its first paint with (lib/api/readers.ts)
export const GET = apiRoute(endpoints["GET /api/v1/settings/features"], readers["GET /api/v1/settings/features"]);
