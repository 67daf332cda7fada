import { actorOf, apiRoute } from "@/lib/api/route";
import { changeMemberRole, removeMember } from "@/lib/orgs/manage-members";
import { updateMemberSchema } from "@/lib/orgs/schemas";

export const PATCH = apiRoute(
  { capability: "members.manage", auth: "session", body: updateMemberSchema },
  async ({ principal, body, params }) => {
    const m = await changeMemberRole(principal.organizationId, params.id, body.role, body.team, actorOf(principal));
    return { id: m.id, role: m.role, team: m.teamName };
  },
);

export const DELETE = apiRoute({ capability: "members.manage", auth: "session" }, async ({ principal, params }) => {
  await removeMember(principal.organizationId, params.id, actorOf(principal));
  return { removed: params.id };
});
