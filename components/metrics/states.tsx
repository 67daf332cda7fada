"use client";
import Link from "next/link";
import { ApiError } from "../api-client";
import { useUrlParams } from "../filters/use-filters";
import { SkeletonBlock, SkeletonStats } from "../ui/skeleton-block";
import { filterErrorText } from "@/lib/metrics/filter-errors";

/**
 * Error and empty states shared by the dashboards: each says what to do next. A 400 is a
 * filter to change (said in the form's terms), not a server problem: no "Try again" for it.
 */
export function MetricError({ error, retry }: { error: Error; retry: () => void }) {
  const { params, set } = useUrlParams();
  const filterText = error instanceof ApiError && error.status === 400 ? filterErrorText(error.issues, params) : null;
  if (filterText) {
    return (
      <div role="alert" className="alert alert-error">
        Change the filters to show this view: {filterText}{" "}
        <button type="button" className="btn" onClick={() => set({ from: null, to: null })}>
          Use the last 30 days
        </button>
      </div>
    );
  }
  return (
    <div role="alert" className="alert alert-error">
      Could not load this view: {error.message}{" "}
      <button type="button" className="btn" onClick={retry}>
        Try again
      </button>{" "}
      If it keeps failing, check that the server can reach its database.
    </div>
  );
}

/**
 * What a dashboard shows while its answer is missing: the error with its next step, or a
 * placeholder shaped like the page (a row of stat cards when it opens with them, then a block).
 */
export function MetricPending({
  q,
  height,
  stats = false,
}: {
  q: { error: Error | null; data: unknown; refetch: () => unknown };
  height: number;
  stats?: boolean;
}) {
  if (q.error) return <MetricError error={q.error} retry={() => q.refetch()} />;
  if (q.data) return null;
  if (!stats) return <SkeletonBlock height={height} />;
  return (
    <>
      <SkeletonStats />
      <SkeletonBlock height={height} />
    </>
  );
}

export function NoData({ what = "cost events" }: { what?: string }) {
  return (
    <div className="card empty">
      <h2>No {what} in this period</h2>
      <p>
        Widen the date range or clear the filters above. If nothing was ever sent, create an API key with the <code>ingest</code> scope
        under <Link href="/admin/api-keys">Admin → API keys</Link> and send one event per model call to <code>POST /api/v1/events</code> (or
        upload a CSV under <Link href="/events">Events</Link>).
      </p>
    </div>
  );
}

export function Stat({ label, value, sub }: { label: string; value: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}
