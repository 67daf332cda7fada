import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getImportProgress } from "@/lib/billing/import-progress";

/** The billing page polls this while a large file imports. */
export const GET = apiRoute(endpoints["GET /api/v1/billing/imports/progress/{id}"], async ({ principal, params }) =>
  getImportProgress(principal.organizationId, params.id),
);
