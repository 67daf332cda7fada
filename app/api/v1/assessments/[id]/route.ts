import { AppError } from "@/lib/core/errors";
import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getAssessment } from "@/lib/assessment/manage-assessments";

export const GET = apiRoute(endpoints["GET /api/v1/assessments/{id}"], async ({ principal, params }) => {
  const a = await getAssessment(principal.organizationId, params.id);
  if (!a || a.status !== "submitted") throw new AppError("not_found", "No submitted assessment with this id in your organisation.");
  return a;
});
