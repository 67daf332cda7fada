import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { CostPerInteractionView } from "@/components/metrics/cost-per-interaction-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Cost per interaction" };

export default async function CostPerInteractionPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Cost per interaction"
        description="Per feature, the distribution of what one interaction (a session) costs, its curve over time, and the features due for an architecture review."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <CostPerInteractionView />
      </Suspense>
    </>
  );
}
