import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { UnitEconomicsView } from "@/components/metrics/unit-economics-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Unit economics" };

export default async function UnitEconomicsPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Unit economics"
        description="Per feature: the three cost layers, value per unit, margin, monthly profit, ROI, payback, and the weekly trend."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <UnitEconomicsView />
      </Suspense>
    </>
  );
}
