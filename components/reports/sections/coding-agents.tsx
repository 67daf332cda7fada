import type { BoardReport } from "@/lib/reports/get-board-report";
import { int, num, pct, usd, usdUnit } from "@/lib/format";
import { ReportTable } from "../report-table";

const ACTOR: Record<string, string> = { agent: "Coding agent", human: "People" };
const dollars = (x: number | null) => (x === null ? "—" : `$${num(x, 2)}`);

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
}: {
  agents: BoardReport["coding_agents"];
  shadow: BoardReport["shadow_ai"];
  title: string;
  month: string;
}) {
  return (
    <section className="rsec" aria-labelledby="s-agents">
      <h2 id="s-agents">{title}</h2>
      <h3>Coding agents</h3>
      {!agents.ok ? (
        <p className="note">{agents.message}</p>
      ) : agents.data.people === 0 && agents.data.outcomes.every((o) => o.ci_runs === 0 && o.prs === 0) ? (
        <p className="note">No coding-agent seats, usage or CI runs for this month (import them on the Coding agents page).</p>
      ) : (
        <>
          <p data-testid="agents-cost">
            Coding-agent cost of the month: <strong>{usd(agents.data.total_usd)}</strong> — seats (fixed) {usd(agents.data.seats_usd)},
            usage (variable) {usd(agents.data.usage_usd)}. Unused seats:{" "}
            <strong>
              {int(agents.data.unused_seats)} of {int(agents.data.seats)}
            </strong>{" "}
            ({usd(agents.data.unused_seats_usd)} this month).
          </p>
          <ReportTable
            testId="agents-outcomes"
            rows={agents.data.outcomes}
            rowKey={(o) => o.actor}
            columns={[
              { head: "Author", cell: (o) => ACTOR[o.actor] ?? o.actor },
              { head: "Merged PRs", n: true, cell: (o) => int(o.merged_prs) },
              { head: "CI runs", n: true, cell: (o) => int(o.ci_runs) },
              { head: "CI cost (USD)", n: true, cell: (o) => usd(o.ci_cost_usd) },
              { head: "Per CI run", n: true, cell: (o) => usdUnit(o.cost_per_ci_run_usd) },
              { head: "Per merged PR", n: true, cell: (o) => usdUnit(o.cost_per_merged_pr_usd) },
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
                  { head: "Cost / week", n: true, cell: (f) => `${dollars(f.weekly_cost_before)} → ${dollars(f.weekly_cost_after)}` },
                  {
                    head: "Volume",
                    n: true,
                    cell: (f) => (f.volume_change === null ? "—" : `${f.volume_change > 0 ? "+" : ""}${pct(f.volume_change)}`),
                  },
                  { head: "Per CI run", n: true, cell: (f) => `${dollars(f.cost_per_run_before)} → ${dollars(f.cost_per_run_after)}` },
                  {
                    head: "Paid by",
                    cell: (f) =>
                      f.owner
                        ? `${f.owner}: ${pct(f.owner_share_before, 0)} → ${pct(f.owner_share_after, 0)}${f.previous_owner ? ` (before: ${f.previous_owner})` : ""}`
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
      ) : !shadow.data.last_import_at ? (
        <p className="note">No expense or card statement imported: no shadow-AI audit yet (Shadow AI page).</p>
      ) : (
        <>
          <p data-testid="shadow-total">
            AI spend found on expenses and cards in {month}: {usd(shadow.data.ai_spend_usd)}. Outside sanctioned accounts:{" "}
            <strong>{usd(shadow.data.unsanctioned_usd)}</strong> ({pct(shadow.data.unsanctioned_share)} of it). Last statement imported{" "}
            {shadow.data.last_import_at.slice(0, 10)}.
          </p>
          {shadow.data.by_department.length > 0 && (
            <ReportTable
              testId="shadow-departments"
              rows={shadow.data.by_department}
              rowKey={(d) => d.department}
              columns={[
                { head: "Department", cell: (d) => d.department },
                { head: "Outside sanctioned accounts (USD)", n: true, cell: (d) => usd(d.unsanctioned_usd) },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
