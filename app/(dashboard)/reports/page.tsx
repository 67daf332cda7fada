import { requireMember } from "@/lib/auth/page-guard";
import { monthSchema } from "@/lib/core/wire";
import { monthLabel } from "@/lib/format";
import { lastCompleteMonth, PAPERS } from "@/lib/reports/schemas";
import { PageHeader } from "@/components/ui/page-header";
import { BoardReportForm } from "@/components/reports/board-report-form";

export const metadata = { title: "Board report" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ReportsPage({ searchParams }: { searchParams: SP }) {
  await requireMember("reports.export");
  const sp = await searchParams;
  const now = new Date();
  const months = Array.from({ length: 13 }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
  const parsed = monthSchema.safeParse(one(sp.month));
  const month = parsed.success && months.includes(parsed.data) ? parsed.data : lastCompleteMonth(now);
  const paper = (PAPERS as readonly string[]).includes(one(sp.paper) ?? "") ? one(sp.paper)! : "a4";
  return (
    <>
      <PageHeader
        title="Board report"
        description="A monthly PDF for the board, rendered by headless Chromium from the same numbers as the dashboards and the chargeback: headline spend and trend, spend by team, cost per interaction, token efficiency, freemium trap, unit economics, alerts and guardrails, readiness."
      />
      <BoardReportForm
        key={`${month}|${paper}`}
        months={months.map((m, i) => ({ value: m, label: `${monthLabel(m)}${i === 0 ? " (month to date)" : ""}` }))}
        initialMonth={month}
        initialPaper={paper}
      />
    </>
  );
}
