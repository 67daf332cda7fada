import { Suspense } from "react";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { requireMember } from "@/lib/auth/page-guard";
import { answerAsApi } from "@/lib/api/readers";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonBlock } from "@/components/ui/skeleton-block";
import { FILTER_KEYS, filterDefaultsOf, filterParams } from "@/components/filters/url-params";
import { FILTER_BAR_QUERIES, type FirstPaintQuery } from "./first-paint";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The URL's filters as the dashboard's client view reads them (useUrlParams), on the server. */
export type UrlFilters = {
  /** the global filters (with a lead's own team by default) */
  params: Record<string, string>;
  /** the page's own keys (stack_by, group_by, as_of), read like useUrlParams(keys) */
  own: (keys: readonly string[]) => Record<string, string>;
};

/**
 * The first paint of a dashboard, on the server: every query its view issues on mount (and the
 * filter bar's lists), answered by the API's own readers (lib/api/readers.ts: same parsing, same
 * JSON) under the client's query keys, handed to TanStack Query with HydrationBoundary. The view
 * renders with data at once; a filter change updates the URL and refetches on the client.
 */
export async function firstPaint(
  searchParams: Awaited<SearchParams>,
  member: Awaited<ReturnType<typeof requireMember>>,
  queries: (url: UrlFilters) => FirstPaintQuery[],
) {
  const get = (k: string) => {
    const v = searchParams[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const url: UrlFilters = {
    params: filterParams(get, FILTER_KEYS, filterDefaultsOf(member)).params,
    own: (keys) => filterParams(get, keys, {}).params,
  };
  const principal = { organizationId: member.organizationId, member, role: member.role };
  const client = new QueryClient();
  await Promise.all(
    [...Object.values(FILTER_BAR_QUERIES), ...queries(url)].map(async (q) => {
      const data = await answerAsApi(q.path, principal, q.params);
      if (data !== null) client.setQueryData(q.queryKey, data);
    }),
  );
  return dehydrate(client);
}

/**
 * The route of a dashboard (server side): only members who may read dashboards, the page's
 * header, and its client view under Suspense (the view reads the URL's filters), hydrated with
 * the first paint. Gives the route's `metadata` (the tab title is the page title) and its
 * default export. The route's loading.tsx shows the skeleton while the first paint is read.
 */
export function dashboardPage({
  title,
  description,
  View,
  queries,
}: {
  title: string;
  description: string;
  View: React.ComponentType;
  /** the queries the view issues on mount, from the URL's filters (the same keys as its hooks) */
  queries: (url: UrlFilters) => FirstPaintQuery[];
}) {
  async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
    const member = await requireMember("dashboards.read");
    const state = await firstPaint(await searchParams, member, queries);
    return (
      <>
        <PageHeader title={title} description={description} />
        <HydrationBoundary state={state}>
          <Suspense fallback={<SkeletonBlock height={300} />}>
            <View />
          </Suspense>
        </HydrationBoundary>
      </>
    );
  }
  return { metadata: { title }, Page: DashboardPage };
}
