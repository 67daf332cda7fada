import { actorOf, apiRoute } from "@/lib/api/route";
import { addMember, listMembers } from "@/lib/orgs/manage-members";
import { createMemberSchema } from "@/lib/orgs/schemas";

export const GET = apiRoute({ capability: "members.manage", auth: "session" }, async ({ principal }) => {
  const rows = await listMembers(principal.organizationId);
  return {
    members: rows.map((m) => ({ id: m.id, email: m.user.email, name: m.user.name, role: m.role, team: m.teamName })),
  };
});

export const POST = apiRoute(
  { capability: "members.manage", auth: "session", body: createMemberSchema },
  async ({ principal, body }) => {
    const { membership } = await addMember(principal.organizationId, body, actorOf(principal));
    return { id: membership.id, email: body.email, role: membership.role };
  },
);
