import type { BoardReportData } from "@/lib/reports/board-report-from-wire";
import type { ReportMoney } from "@/lib/reports/report-money";
import { int, pct } from "@/lib/format";
import { ReportTable } from "../report-table";
import { day } from "./view";

const ACTOR: Record<string, string> = { agent: "Coding agent", human: "People" };

/**
 * Board report: coding agents (seats fixed, usage variable, cost per merged PR and per CI run —
 * agent beside human — unused seats, shift findings) and the shadow-AI total outside sanctioned
 * accounts. Typed values from getBoardReport only; nothing is loaded here.
 */
export function CodingAgentsSection({
  agents,
  shadow,
  title,
  month,
  m,
}: {
  agents: BoardReportData["codingAgents"];
  shadow: BoardReportData["shadowAi"];
  title: string;
  month: string;
  m: ReportMoney;
}) {
  const { dollars } = m;
  return (
    <section className="rsec" aria-labelledby="s-agents">
      <h2 id="s-agents">{title}</h2>
      <h3>Coding agents</h3>
      {!agents.ok ? (
        <p className="note">{agents.message}</p>
      ) : agents.data.people === 0 && agents.data.outcomes.every((o) => o.ciRuns === 0 && o.prs === 0) ? (
        <p className="note">No coding-agent seats, usage or CI runs for this month (import them on the Coding agents page).</p>
      ) : (
        <>
          <p data-testid="agents-cost">
            Coding-agent cost of the month: <strong>{m.money(agents.data.total)}</strong> — seats (fixed) {m.money(agents.data.seatCost)},
            usage (variable) {m.money(agents.data.usageCost)}. Unused seats:{" "}
            <strong>
              {int(agents.data.unusedSeats)} of {int(agents.data.seats)}
            </strong>{" "}
            ({m.money(agents.data.unusedSeatCost)} this month).
          </p>
          <ReportTable
            testId="agents-outcomes"
            rows={agents.data.outcomes}
            rowKey={(o) => o.actor}
            columns={[
              { head: "Author", cell: (o) => ACTOR[o.actor] ?? o.actor },
              { head: "Merged PRs", n: true, cell: (o) => int(o.mergedPrs) },
              { head: "CI runs", n: true, cell: (o) => int(o.ciRuns) },
              { head: `CI cost (${m.code})`, n: true, cell: (o) => m.money(o.ciCost) },
              { head: "Per CI run", n: true, cell: (o) => m.unit(o.costPerCiRun) },
              { head: "Per merged PR", n: true, cell: (o) => m.unit(o.costPerMergedPr) },
            ]}
          />
          {agents.data.shifts.length === 0 ? (
            <p className="note">
              No shift finding: no agent CI line grew fast at a flat unit cost, and no budget owner took over a larger share of one.
            </p>
          ) : (
            <>
              <ReportTable
                testId="agents-shifts"
                rows={agents.data.shifts}
                rowKey={(f) => f.subject}
                columns={[
                  { head: "Shift finding", cell: (f) => `${f.subject}${f.severity === "critical" ? " (critical)" : ""}` },
                  { head: "Cost / week", n: true, cell: (f) => `${dollars(f.weeklyCostBefore)} → ${dollars(f.weeklyCostAfter)}` },
                  {
                    head: "Volume",
                    n: true,
                    cell: (f) => (f.volumeChange === null ? "—" : `${f.volumeChange > 0 ? "+" : ""}${pct(f.volumeChange)}`),
                  },
                  { head: "Per CI run", n: true, cell: (f) => `${dollars(f.costPerRunBefore)} → ${dollars(f.costPerRunAfter)}` },
                  {
                    head: "Paid by",
                    cell: (f) =>
                      f.owner
                        ? `${f.owner}: ${pct(f.ownerShareBefore, 0)} → ${pct(f.ownerShareAfter, 0)}${f.previousOwner ? ` (before: ${f.previousOwner})` : ""}`
                        : "—",
                  },
                ]}
              />
              <ul className="note">
                {agents.data.shifts.map((f) => (
                  <li key={f.subject}>
                    {f.subject}, {f.compared}: {f.signal}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h3>Shadow AI</h3>
      {!shadow.ok ? (
        <p className="note">{shadow.message}</p>
      ) : !shadow.data.lastImportAt ? (
        <p className="note">No expense or card statement imported: no shadow-AI audit yet (Shadow AI page).</p>
      ) : (
        <>
          <p data-testid="shadow-total">
            AI spend found on expenses and cards in {month}: {m.money(shadow.data.aiSpend)}. Outside sanctioned accounts:{" "}
            <strong>{m.money(shadow.data.unsanctioned)}</strong> ({pct(shadow.data.unsanctionedShare)} of it). Last statement imported{" "}
            {day(shadow.data.lastImportAt)}.
          </p>
          {shadow.data.byDepartment.length > 0 && (
            <ReportTable
              testId="shadow-departments"
              rows={shadow.data.byDepartment}
              rowKey={(d) => d.department}
              columns={[
                { head: "Department", cell: (d) => d.department },
                { head: `Outside sanctioned accounts (${m.code})`, n: true, cell: (d) => m.money(d.unsanctioned) },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
