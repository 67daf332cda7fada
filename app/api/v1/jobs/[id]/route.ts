import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { AppError } from "@/lib/core/errors";
import { getJob } from "@/lib/pricing/restate-events";

/** Progress of a background job (restatement) of the caller's organisation. */
export const GET = apiRoute(endpoints["GET /api/v1/jobs/{id}"], async ({ principal, params }) => {
  const job = await getJob(principal.organizationId, params.id);
  if (!job) throw new AppError("not_found", "No such job in this organisation.");
  return job;
});
