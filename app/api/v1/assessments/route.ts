import { actorOf, apiRoute } from "@/lib/api/route";
import { listAssessments, submitAssessment } from "@/lib/assessment/manage-assessments";
import { listAssessmentsQuery, submitAssessmentSchema } from "@/lib/assessment/schemas";

/** Submitted assessments, newest first (bounded by `limit`, default 100). */
export const GET = apiRoute({ capability: "dashboards.read", query: listAssessmentsQuery }, async ({ principal, query }) => {
  const assessments = await listAssessments(principal.organizationId, {
    team: query.team,
    organization: query.organization === "true",
    limit: query.limit,
  });
  return { assessments };
});

/** Submit: `{ team: string | null, answers: { <13 item ids>: boolean } }` → the stored assessment with score and level. */
export const POST = apiRoute({ capability: "assessment.submit", body: submitAssessmentSchema }, async ({ principal, body }) => {
  const assessment = await submitAssessment(principal, body, actorOf(principal));
  return Response.json(assessment, { status: 201 });
});
