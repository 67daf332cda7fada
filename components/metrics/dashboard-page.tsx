import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonBlock } from "@/components/ui/skeleton-block";

/**
 * The route of a dashboard (server side): only members who may read dashboards, the page's
 * header, and its client view under Suspense (the view reads the URL's filters). Gives the
 * route's `metadata` (the tab title is the page title) and its default export.
 */
export function dashboardPage({ title, description, View }: { title: string; description: string; View: React.ComponentType }) {
  async function DashboardPage() {
    await requireMember("dashboards.read");
    return (
      <>
        <PageHeader title={title} description={description} />
        <Suspense fallback={<SkeletonBlock height={300} />}>
          <View />
        </Suspense>
      </>
    );
  }
  return { metadata: { title }, Page: DashboardPage };
}
