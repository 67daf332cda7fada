import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { loadUnpriced } from "@/lib/metrics/unpriced";
import { resolvePeriod } from "@/lib/time";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/unpriced: per feature, events and unpriced events in the period (to mark costs that are not costs). */
export const GET = apiRoute(endpoints["GET /api/v1/metrics/unpriced"], async ({ principal, query }) => {
  const p = resolvePeriod(query);
  return { period: { from: p.from, to: p.to }, features: await loadUnpriced(principal.organizationId, p, query) };
});
