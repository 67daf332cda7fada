import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { addMember, listMembers } from "@/lib/orgs/manage-members";

export const GET = apiRoute(endpoints["GET /api/v1/admin/members"], async ({ principal }) => {
  const rows = await listMembers(principal.organizationId);
  return {
    members: rows.map((m) => ({ id: m.id, email: m.user.email, name: m.user.name, role: m.role, team: m.teamName })),
  };
});

export const POST = apiRoute(endpoints["POST /api/v1/admin/members"], async ({ principal, body }) => {
  const { membership } = await addMember(principal.organizationId, body, actorOf(principal));
  return { id: membership.id, email: body.email, role: membership.role };
});
