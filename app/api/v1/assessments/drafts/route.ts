import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listMyDrafts, saveDraft } from "@/lib/assessment/manage-assessments";

/** The signed-in person's drafts (one per team). */
export const GET = apiRoute(endpoints["GET /api/v1/assessments/drafts"], async ({ principal }) => {
  return { drafts: await listMyDrafts(principal.organizationId, principal.member!.userId) };
});

/** Save (replace) the draft for a team; answers may be partial. */
export const PUT = apiRoute(endpoints["PUT /api/v1/assessments/drafts"], async ({ principal, body }) => {
  return saveDraft(principal, body, actorOf(principal));
});
