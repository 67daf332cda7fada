import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { getAssessment } from "@/lib/assessment/manage-assessments";

export const GET = apiRoute({ capability: "dashboards.read" }, async ({ principal, params }) => {
  const a = await getAssessment(principal.organizationId, params.id);
  if (!a || a.status !== "submitted") throw new AppError("not_found", "No submitted assessment with this id in your organisation.");
  return a;
});
