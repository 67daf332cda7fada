import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { env } from "@/lib/env";
import { listMembers } from "@/lib/orgs/manage-members";
import { inviteMember } from "@/lib/orgs/invites";
import { inviteWire } from "@/lib/orgs/schemas";

export const GET = apiRoute(endpoints["GET /api/v1/admin/members"], async ({ principal }) => {
  const rows = await listMembers(principal.organizationId);
  return {
    members: rows.map((m) => ({ id: m.id, email: m.user.email, name: m.user.name, role: m.role, team: m.teamName })),
  };
});

/** Adding a member is an invite: nobody's account is created or changed here (decision 032). */
export const POST = apiRoute(endpoints["POST /api/v1/admin/members"], async ({ req, principal, body }) => {
  const r = await inviteMember(principal.organizationId, body, actorOf(principal));
  return {
    invite: inviteWire({ ...r.invite, status: "pending" }),
    accept_url: new URL(r.path, env().NEXTAUTH_URL ?? req.nextUrl.origin).toString(),
    existing_account: r.existingAccount,
    message: r.message,
  };
});
