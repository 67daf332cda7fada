import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { OverviewView } from "@/components/metrics/overview-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Overview"
        description="Spend over time by team and feature, top features and models, month-to-date against last month, and how fresh the data is."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <OverviewView />
      </Suspense>
    </>
  );
}
