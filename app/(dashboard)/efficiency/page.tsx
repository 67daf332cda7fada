import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EfficiencyView } from "@/components/metrics/efficiency-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Efficiency" };

export default async function EfficiencyPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Efficiency"
        description="Token efficiency (output ÷ input tokens) beside success and correct rates, the leaderboard, cost per correct output and per resolved task."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <EfficiencyView />
      </Suspense>
    </>
  );
}
