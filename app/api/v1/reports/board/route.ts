import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { exportBoardPdf } from "@/lib/reports/export-board-pdf";

/** GET /api/v1/reports/board?month=YYYY-MM&paper=a4|letter → application/pdf (lib/reports/export-board-pdf.ts). */
export const GET = apiRoute(endpoints["GET /api/v1/reports/board"], async ({ principal, query }) => {
  const { pdf, filename, ms } = await exportBoardPdf(principal.organizationId, query, actorOf(principal));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-render-ms": String(ms),
      "cache-control": "no-store",
    },
  });
});
