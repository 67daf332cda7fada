import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { FreemiumTrapView } from "@/components/metrics/freemium-trap-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Freemium trap" };

export default async function FreemiumTrapPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Freemium trap"
        description="Free tenants whose first 30 days cost more than the tier's predicted lifetime value, the subsidy ratio, and cheaper models to throttle to."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <FreemiumTrapView />
      </Suspense>
    </>
  );
}
