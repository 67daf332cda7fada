import { SkeletonBlock, SkeletonStats } from "@/components/ui/skeleton-block";

/**
 * Shown at once while a dashboard page renders on the server (every page under (dashboard) that
 * has no loading.tsx of its own): the old page never stays on screen without an indicator.
 */
export default function DashboardLoading() {
  return (
    <div aria-busy="true" data-testid="page-loading">
      <p className="muted" role="status" style={{ marginTop: 0 }}>
        Loading…
      </p>
      <SkeletonStats />
      <SkeletonBlock height={260} label="Loading the page" />
    </div>
  );
}
