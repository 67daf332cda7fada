import { apiRoute } from "@/lib/api/route";
import { focusCsv } from "@/lib/chargeback/focus-export";
import { monthQuerySchema } from "@/lib/chargeback/schemas";

export const GET = apiRoute({ capability: "dashboards.read", query: monthQuerySchema }, async ({ principal, query }) =>
  new Response(await focusCsv(principal.organizationId, query.month), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="focus-${query.month}.csv"`,
    },
  }),
);
