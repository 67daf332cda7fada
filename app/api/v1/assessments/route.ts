import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listAssessments, submitAssessment } from "@/lib/assessment/manage-assessments";

/** Submitted assessments, newest first (bounded by `limit`, default 100). */
export const GET = apiRoute(endpoints["GET /api/v1/assessments"], async ({ principal, query }) => {
  const assessments = await listAssessments(principal.organizationId, {
    team: query.team,
    organization: query.organization === "true",
    limit: query.limit,
  });
  return { assessments };
});

/** Submit: `{ team: string | null, answers: { <13 item ids>: boolean } }` → the stored assessment with score and level. */
export const POST = apiRoute(endpoints["POST /api/v1/assessments"], async ({ principal, body }) => {
  return submitAssessment(principal, body, actorOf(principal));
});
