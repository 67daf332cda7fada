import { actorOf, apiRoute } from "@/lib/api/route";
import { createDraft, listDrafts } from "@/lib/opportunities/manage-drafts";
import { createDraftBody, draftsQuery } from "@/lib/opportunities/schemas";

export const GET = apiRoute({ capability: "dashboards.read", query: draftsQuery }, async ({ principal, query }) => ({
  drafts: await listDrafts(principal.organizationId, { status: query.status }),
}));

/** Turns an opportunity into a draft; nothing changes until a person approves it. */
export const POST = apiRoute({ capability: "drafts.create", body: createDraftBody }, async ({ principal, body }) =>
  createDraft(principal.organizationId, body, actorOf(principal)),
);
