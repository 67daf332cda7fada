import { requireMember } from "@/lib/auth/page-guard";
import { listMembers } from "@/lib/orgs/manage-members";
import { listTeams } from "@/lib/orgs/list-names";
import { listInvites } from "@/lib/orgs/invites";
import { PageHeader } from "@/components/ui/page-header";
import { MembersManager } from "@/components/admin/members-manager";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const me = await requireMember("members.manage");
  const [rows, teams, invites] = await Promise.all([
    listMembers(me.organizationId),
    listTeams(me.organizationId),
    listInvites(me.organizationId),
  ]);
  return (
    <>
      <PageHeader
        title="Members"
        description="Who can sign in to this organisation and with which role. People join through an invite link they accept themselves. Every change is written to the audit log."
      />
      <MembersManager
        meId={me.userId}
        invites={invites.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          team: i.teamName,
          expiresAt: i.expiresAt.toISOString(),
          status: i.status === "expired" ? "expired" : "pending",
        }))}
        teams={teams}
        members={rows.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, team: m.teamName }))}
      />
    </>
  );
}
