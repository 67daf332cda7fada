import { AppError } from "@/lib/api/errors";
import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";
import { monthLabel } from "@/lib/format";
import { renderPdf } from "@/lib/reports/render-pdf";
import { mintRenderToken } from "@/lib/reports/render-token";

/**
 * GET /api/v1/reports/board?month=YYYY-MM&paper=a4|letter → application/pdf. The headless
 * browser loads the print page with a 2-minute token bound to this organisation and month.
 */
export const GET = apiRoute(endpoints["GET /api/v1/reports/board"], async ({ req, principal, query }) => {
  if (query.month > new Date().toISOString().slice(0, 7)) {
    throw new AppError("bad_request", `${query.month} has not started yet: pick the current or an earlier month.`);
  }
  const org = await db().organization.findUniqueOrThrow({ where: { id: principal.organizationId }, select: { name: true, slug: true } });
  const token = mintRenderToken({ org: principal.organizationId, month: query.month }, authSecret());
  const base = env().SPENDLINE_INTERNAL_URL ?? req.nextUrl.origin;
  const url = `${base}/reports/board?${new URLSearchParams({ month: query.month, paper: query.paper, token })}`;
  const { pdf, ms } = await renderPdf(url, { paper: query.paper, label: `${org.name} · ${monthLabel(query.month)}` });
  await writeAudit({
    organizationId: principal.organizationId,
    actor: actorOf(principal),
    action: "report.export",
    targetType: "board_report",
    targetId: query.month,
    after: { paper: query.paper, bytes: pdf.length, render_ms: ms },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="board-report-${org.slug}-${query.month}-${query.paper}.pdf"`,
      "x-render-ms": String(ms),
      "cache-control": "no-store",
    },
  });
});
