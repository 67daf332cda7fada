import { apiRoute } from "@/lib/api/route";
import { FOCUS_VERSION, focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";
import { focusQuerySchema } from "@/lib/chargeback/schemas";

/** FOCUS 1.2 CSV of a month; `format=metadata` answers the FOCUS metadata (version and schema). */
export const GET = apiRoute({ capability: "dashboards.read", query: focusQuerySchema }, async ({ principal, query }) => {
  if (query.format === "metadata") return focusMetadata();
  return new Response(await focusCsv(principal.organizationId, query.month), {
    headers: {
      "content-type": `text/csv; charset=utf-8; focus-version=${FOCUS_VERSION}`,
      "x-focus-version": FOCUS_VERSION,
      "content-disposition": `attachment; filename="focus-${FOCUS_VERSION}-${query.month}.csv"`,
    },
  });
});
