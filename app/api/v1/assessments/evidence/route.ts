import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getEvidence } from "@/lib/assessment/get-evidence";

/** What Spendline's own data says about each item, with a suggested answer (never submitted by itself). */
export const GET = apiRoute(endpoints["GET /api/v1/assessments/evidence"], async ({ principal, query }) => {
  return getEvidence(principal.organizationId, query.team ?? null);
});
