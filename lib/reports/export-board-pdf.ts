import "server-only";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { authSecret, env } from "../env";
import { monthLabel } from "../format";
import { utcMonth } from "../time";
import { renderPdf } from "./render-pdf";
import type { Paper } from "./schemas";
import { mintRenderToken } from "./render-token";

export type BoardPdf = { pdf: Buffer; filename: string; ms: number };

/**
 * The board report as a PDF: headless Chromium loads the print page with a single-use 2-minute
 * token bound to this organisation, month and paper, at `SPENDLINE_INTERNAL_URL` or else this server on
 * loopback (`http://127.0.0.1:$PORT`). Never the request's Host header: a forged Host would send the
 * browser, with its token, to any address and return that page inside the PDF (SSRF).
 * Each export is audited (paper, size, render time).
 */
export async function exportBoardPdf(
  organizationId: string,
  q: { month: string; paper: Paper },
  actor: Actor,
  now = new Date(),
): Promise<BoardPdf> {
  if (q.month > utcMonth(now)) {
    throw new AppError("bad_request", `${q.month} has not started yet: pick the current or an earlier month.`);
  }
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, slug: true } });
  const token = mintRenderToken({ org: organizationId, month: q.month, paper: q.paper }, authSecret());
  const base = env().SPENDLINE_INTERNAL_URL ?? `http://127.0.0.1:${env().PORT}`;
  const url = `${base}/reports/board?${new URLSearchParams({ month: q.month, paper: q.paper, token })}`;
  const { pdf, ms } = await renderPdf(url, { paper: q.paper, label: `${org.name} · ${monthLabel(q.month)}` });
  await writeAudit({
    organizationId,
    actor,
    action: "report.export",
    targetType: "board_report",
    targetId: q.month,
    after: { paper: q.paper, bytes: pdf.length, render_ms: ms },
  });
  return { pdf, ms, filename: `board-report-${org.slug}-${q.month}-${q.paper}.pdf` };
}
