import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { reconciliationCsv } from "@/lib/billing/reconciliation-csv";

export const GET = apiRoute(endpoints["GET /api/v1/reports/reconciliation"], async ({ principal, query }) => {
  const report = await getReconciliation(principal.organizationId, query.month);
  if (query.format === "csv") {
    return new Response(reconciliationCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="reconciliation-${query.month}.csv"`,
      },
    });
  }
  return report;
});
