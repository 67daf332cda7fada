import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { FOCUS_VERSION, focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";

/** FOCUS 1.2 CSV of a month; `format=metadata` answers the FOCUS metadata (version and schema). */
export const GET = apiRoute(endpoints["GET /api/v1/exports/focus"], async ({ principal, query }) => {
  if (query.format === "metadata") return focusMetadata();
  return new Response(await focusCsv(principal.organizationId, query.month), {
    headers: {
      "content-type": `text/csv; charset=utf-8; focus-version=${FOCUS_VERSION}`,
      "x-focus-version": FOCUS_VERSION,
      "content-disposition": `attachment; filename="focus-${FOCUS_VERSION}-${query.month}.csv"`,
    },
  });
});
