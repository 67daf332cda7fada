import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct } from "@/lib/format";
import { ShareBars } from "../trend-chart";
import { ReportTable } from "../report-table";

/** Board report section s-teams (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function TeamsSection({ r, v }: SectionProps) {
  const { m, cbMoney, cbReporting } = v;
  return (
    <SectionBlock id="s-teams" s={r.chargeback}>
      {(c) => (
        <>
          {c.rows.length === 0 ? (
            <p className="note">No spend in this month.</p>
          ) : (
            <div className="keep">
              <figure className="keep">
                <ShareBars
                  rows={c.rows.map((row) => ({
                    label: row.team,
                    value: m.chart(row.totalPico),
                    text: `${cbMoney(row.totalPico, row.reporting?.total)} · ${pct(row.share)}`,
                  }))}
                />
              </figure>
              <ReportTable
                testId="chargeback"
                rows={c.rows}
                rowKey={(row) => row.team}
                columns={[
                  { head: "Team", cell: (row) => row.team },
                  { head: "Usage cost", n: true, cell: (row) => cbMoney(row.directPico, row.reporting?.direct) },
                  { head: "Fixed & shared", n: true, cell: (row) => cbMoney(row.allocatedPico, row.reporting?.allocated) },
                  { head: "Fully loaded", n: true, cell: (row) => <strong>{cbMoney(row.totalPico, row.reporting?.total)}</strong> },
                  { head: "Share", n: true, cell: (row) => pct(row.share) },
                  { head: "Events", n: true, cell: (row) => int(row.events) },
                  { head: "Success", n: true, cell: (row) => pct(row.successRate) },
                  { head: "Correct", n: true, cell: (row) => pct(row.correctRate) },
                  { head: "TER", n: true, cell: (row) => num(row.ter, 3) },
                ]}
                foot={
                  <tr>
                    <td>Total</td>
                    <td className="n">{cbMoney(c.eventsPico, cbReporting?.events)}</td>
                    <td className="n">{cbMoney(c.fixedCostsPico, cbReporting?.fixedCosts)}</td>
                    <td className="n">{cbMoney(c.totalPico, cbReporting?.total)}</td>
                    <td className="n">100.0%</td>
                    <td className="n">{int(c.events)}</td>
                    <td colSpan={3}></td>
                  </tr>
                }
              />
              <p className="note">
                Rows add up exactly to the month total (largest-remainder rounding). Exact 6-decimal figures are in the reconciliation at
                the end.
              </p>
              {m.code !== "USD" && (
                <p className="note" data-testid="report-rate">
                  In {m.code}: {r.currency.note}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </SectionBlock>
  );
}
