import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { chargebackToWire, readChargeback } from "@/lib/chargeback/get-chargeback";
import { chargebackCsv } from "@/lib/chargeback/chargeback-csv";

export const GET = apiRoute(endpoints["GET /api/v1/reports/chargeback"], async ({ principal, query }) => {
  const report = await readChargeback(principal.organizationId, query.month);
  if (query.format === "csv") {
    return new Response(chargebackCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="chargeback-${query.month}.csv"`,
      },
    });
  }
  return chargebackToWire(report);
});
