import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { decideDraft } from "@/lib/opportunities/manage-drafts";

/** Approve (applies the change), reject, or withdraw an applied model route: people only, never an API key. */
export const POST = apiRoute(endpoints["POST /api/v1/policy-drafts/{id}"], async ({ principal, body, params }) =>
  decideDraft(principal.organizationId, params.id, body.decision, principal.member!, body.note),
);
