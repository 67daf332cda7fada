import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { readBatches, registerBatch } from "@/lib/budgets/batch-jobs";

/** Registered batch jobs with their estimate and what has arrived (decision 056). */
export const GET = apiRoute(endpoints["GET /api/v1/batches"], async ({ principal, query }) => ({
  batches: await readBatches(principal.organizationId, { status: query.status }),
}));

/** Registers a submitted batch: its estimate counts against matching budgets at once; a hard budget it would pass refuses it. */
export const POST = apiRoute(endpoints["POST /api/v1/batches"], async ({ principal, body }) =>
  registerBatch(principal.organizationId, body, { apiKeyId: principal.apiKeyId }),
);
