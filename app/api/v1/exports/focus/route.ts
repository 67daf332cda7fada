import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";

/** FOCUS 1.3 CSV of a month (`version=1.2` for 1.2); `format=metadata` answers the FOCUS metadata (version and schema). */
export const GET = apiRoute(endpoints["GET /api/v1/exports/focus"], async ({ principal, query }) => {
  const version = query.version;
  if (query.format === "metadata") return focusMetadata(version);
  return new Response(await focusCsv(principal.organizationId, query.month, version), {
    headers: {
      "content-type": `text/csv; charset=utf-8; focus-version=${version}`,
      "x-focus-version": version,
      "content-disposition": `attachment; filename="focus-${version}-${query.month}.csv"`,
    },
  });
});
