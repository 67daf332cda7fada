import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { createDraft, listDrafts } from "@/lib/opportunities/manage-drafts";

export const GET = apiRoute(endpoints["GET /api/v1/policy-drafts"], async ({ principal, query }) => ({
  drafts: await listDrafts(principal.organizationId, { status: query.status }),
}));

/** Turns an opportunity into a draft; nothing changes until a person approves it. */
export const POST = apiRoute(endpoints["POST /api/v1/policy-drafts"], async ({ principal, body }) =>
  createDraft(principal.organizationId, body, actorOf(principal)),
);
