import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { focusCsv } from "@/lib/chargeback/focus-export";
import { monthQuerySchema } from "@/lib/chargeback/schemas";

export const GET = apiRoute(endpoints["GET /api/v1/exports/focus"], async ({ principal, query }) =>
  new Response(await focusCsv(principal.organizationId, query.month), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="focus-${query.month}.csv"`,
    },
  }),
);
