import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { AntiPatternsView } from "@/components/metrics/anti-patterns-view";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

export const metadata = { title: "Anti-patterns" };

export default async function AntiPatternsPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader
        title="Anti-patterns"
        description="Zombie features, agentic loops, negative unit economics at scale, technology churn, prompt-cache regressions and streaming-abort gaps, each with its evidence."
      />
      <Suspense fallback={<SkeletonBlock height={300} />}>
        <AntiPatternsView />
      </Suspense>
    </>
  );
}
