import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { changeMemberRole, removeMember } from "@/lib/orgs/manage-members";

export const PATCH = apiRoute(endpoints["PATCH /api/v1/admin/members/{id}"], async ({ principal, body, params }) => {
  const m = await changeMemberRole(principal.organizationId, params.id, body.role, body.team, actorOf(principal));
  return { id: m.id, role: m.role, team: m.teamName };
});

export const DELETE = apiRoute(endpoints["DELETE /api/v1/admin/members/{id}"], async ({ principal, params }) => {
  await removeMember(principal.organizationId, params.id, actorOf(principal));
  return { removed: params.id };
});
