import Link from "next/link";
import { requireMember } from "@/lib/auth/page-guard";
import { monthSchema } from "@/lib/chargeback/schemas";
import { monthLabel } from "@/lib/reports/format";
import { lastCompleteMonth, PAPERS } from "@/lib/reports/schemas";
import { PageHeader } from "@/components/ui/page-header";
import { ExportButton } from "@/components/reports/export-button";

export const metadata = { title: "Board report" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ReportsPage({ searchParams }: { searchParams: SP }) {
  await requireMember("reports.export");
  const sp = await searchParams;
  const now = new Date();
  const months = Array.from({ length: 13 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  const parsed = monthSchema.safeParse(one(sp.month));
  const month = parsed.success && months.includes(parsed.data) ? parsed.data : lastCompleteMonth(now);
  const paper = (PAPERS as readonly string[]).includes(one(sp.paper) ?? "") ? one(sp.paper)! : "a4";
  const current = month === months[0];
  return (
    <>
      <PageHeader
        title="Board report"
        description="A monthly PDF for the board, rendered by headless Chromium from the same numbers as the dashboards and the chargeback: headline spend and trend, spend by team, cost per interaction, token efficiency, freemium trap, unit economics, alerts and guardrails, readiness."
      />
      <form className="filters" method="get" action="/reports">
        <div className="field">
          <label htmlFor="r-month">Month</label>
          <select id="r-month" name="month" defaultValue={month}>
            {months.map((m, i) => (
              <option key={m} value={m}>{monthLabel(m)}{i === 0 ? " (month to date)" : ""}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-paper">Paper</label>
          <select id="r-paper" name="paper" defaultValue={paper}>
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </div>
        <button className="btn" type="submit">Choose</button>
      </form>
      <div className="card">
        <h2>{monthLabel(month)} · {paper === "a4" ? "A4" : "US Letter"}</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          {current
            ? "This month is not over: the report shows month-to-date figures and a month-end forecast."
            : "A complete month. If its chargeback is closed, the report uses the frozen figures, so re-exporting gives the same numbers."}{" "}
          The report states its data cut-off time.
        </p>
        <div className="form-row" style={{ alignItems: "flex-start" }}>
          <ExportButton month={month} paper={paper} />
          <Link className="btn" href={`/reports/board?month=${month}`} target="_blank">Preview in the browser</Link>
        </div>
      </div>
    </>
  );
}
