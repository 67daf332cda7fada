import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { listFixedCosts } from "@/lib/costs/manage-fixed-costs";
import { listTeamNames } from "@/lib/orgs/list-names";
import { PageHeader } from "@/components/ui/page-header";
import { FixedCostsManager } from "@/components/chargeback/fixed-costs-manager";

export const metadata = { title: "Shared costs" };

export const dynamic = "force-dynamic";

export default async function SharedCostsPage() {
  const me = await requireMember("dashboards.read");
  const [costs, teams] = await Promise.all([listFixedCosts(me.organizationId), listTeamNames(me.organizationId)]);
  return (
    <>
      <PageHeader
        title="Shared costs"
        description="Fixed and shared costs — idle or provisioned capacity, reserved GPUs, vector indexes, harness infrastructure — allocated to teams in the chargeback and to features in unit economics (layer 2)."
      />
      <FixedCostsManager costs={costs} canManage={can(me.role, "costs.manage")} teams={teams} />
    </>
  );
}
