import { apiRoute } from "@/lib/api/route";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { reconciliationCsv } from "@/lib/billing/reconciliation-csv";
import { reconciliationQuerySchema } from "@/lib/billing/schemas";

export const GET = apiRoute({ capability: "billing.read", query: reconciliationQuerySchema }, async ({ principal, query }) => {
  const report = await getReconciliation(principal.organizationId, query.month);
  if (query.format === "csv") {
    return new Response(reconciliationCsv(report), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="reconciliation-${query.month}.csv"` },
    });
  }
  return report;
});
