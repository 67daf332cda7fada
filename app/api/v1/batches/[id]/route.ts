import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { closeBatch } from "@/lib/budgets/batch-jobs";

/** The batch ended (completed, cancelled, expired): its estimate is released, its events count. */
export const POST = apiRoute(endpoints["POST /api/v1/batches/{id}"], async ({ principal, params, body }) =>
  closeBatch(principal.organizationId, params.id, body.status),
);
