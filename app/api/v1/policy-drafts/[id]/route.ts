import { apiRoute } from "@/lib/api/route";
import { decideDraft } from "@/lib/opportunities/manage-drafts";
import { decideDraftBody } from "@/lib/opportunities/schemas";

/** Approve (applies the change), reject, or withdraw an applied model route: people only, never an API key. */
export const POST = apiRoute({ auth: "session", capability: "drafts.decide", body: decideDraftBody }, async ({ principal, body, params }) =>
  decideDraft(principal.organizationId, params.id, body.decision, principal.member!, body.note),
);
