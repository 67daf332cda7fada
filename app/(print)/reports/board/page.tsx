import { cache } from "react";
import { redirect } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { authSecret } from "@/lib/env";
import { monthSchema } from "@/lib/core/wire";
import { getBoardReport } from "@/lib/reports/get-board-report";
import { boardReportFromWire } from "@/lib/reports/board-report-from-wire";
import { consumeRenderToken } from "@/lib/reports/render-token-use";
import { lastCompleteMonth } from "@/lib/reports/schemas";
import { BoardReportDocument } from "@/components/reports/board-report-document";
import { organizationName } from "@/lib/orgs/list-names";
import { monthLabel } from "@/lib/format";
import { currentMember } from "@/lib/auth/session";
import "@/components/reports/board-report.css";

export const dynamic = "force-dynamic";

type SP = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The render token is single-use: the metadata and the page of one request share this call
 * (React's per-request cache), so the one load the headless browser makes uses it once.
 */
const renderClaims = cache((token: string, month: string, paper: string) => consumeRenderToken(token, { month, paper }, authSecret()));

/** The document title becomes the PDF's Title: "Board report — Northwind Cloud — October 2026". */
export async function generateMetadata({ searchParams }: { searchParams: SP }) {
  const sp = await searchParams;
  const parsed = monthSchema.safeParse(one(sp.month) ?? lastCompleteMonth());
  const month = parsed.success ? parsed.data : lastCompleteMonth();
  const token = one(sp.token);
  const orgId = token ? (await renderClaims(token, month, one(sp.paper) ?? ""))?.org : (await currentMember())?.organizationId;
  const name = orgId ? await organizationName(orgId) : null;
  return { title: { absolute: `Board report — ${name ? `${name} — ` : ""}${monthLabel(month)}` } };
}

/**
 * The print page the PDF is rendered from (no sidebar). Access: a signed-in member who may
 * export reports, or the short-lived render token the PDF route mints for its headless
 * browser (single use, bound to organisation, month and paper).
 */
export default async function BoardReportPrintPage({ searchParams }: { searchParams: SP }) {
  const sp = await searchParams;
  const monthParsed = monthSchema.safeParse(one(sp.month) ?? lastCompleteMonth());
  const token = one(sp.token);
  if (!monthParsed.success) {
    return <p style={{ padding: 24 }}>The month must be written YYYY-MM, e.g. {lastCompleteMonth()}.</p>;
  }
  const month = monthParsed.data;
  let organizationId: string;
  if (token) {
    const claims = await renderClaims(token, month, one(sp.paper) ?? "");
    if (!claims) redirect("/signin");
    organizationId = claims.org;
  } else {
    organizationId = (await requireMember("reports.export")).organizationId;
  }
  const now = new Date();
  if (month > now.toISOString().slice(0, 7)) {
    return <p style={{ padding: 24 }}>{month} has not started yet: pick the current or an earlier month.</p>;
  }
  const report = await getBoardReport(organizationId, month, now);
  return (
    <main className={token ? "board-print" : "board-screen"}>
      <BoardReportDocument r={boardReportFromWire(report)} />
    </main>
  );
}
