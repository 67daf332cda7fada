import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct, usd } from "@/lib/format";
import { toChartNumber, parseUsd } from "@/lib/money";
import { ShareBars } from "../trend-chart";
import { ReportTable } from "../report-table";

/** Board report section s-teams (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function TeamsSection({ r }: SectionProps) {
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
                    value: toChartNumber(parseUsd(row.total_usd)),
                    text: `${usd(row.total_usd, 2)} · ${pct(row.share)}`,
                  }))}
                />
              </figure>
              <ReportTable
                testId="chargeback"
                rows={c.rows}
                rowKey={(row) => row.team}
                columns={[
                  { head: "Team", cell: (row) => row.team },
                  { head: "Usage cost", n: true, cell: (row) => usd(row.direct_usd, 2) },
                  { head: "Fixed & shared", n: true, cell: (row) => usd(row.allocated_usd, 2) },
                  { head: "Fully loaded", n: true, cell: (row) => <strong>{usd(row.total_usd, 2)}</strong> },
                  { head: "Share", n: true, cell: (row) => pct(row.share) },
                  { head: "Events", n: true, cell: (row) => int(row.events) },
                  { head: "Success", n: true, cell: (row) => pct(row.success_rate) },
                  { head: "Correct", n: true, cell: (row) => pct(row.correct_rate) },
                  { head: "TER", n: true, cell: (row) => num(row.ter, 3) },
                ]}
                foot={
                  <tr>
                    <td>Total</td>
                    <td className="n">{usd(c.events_usd, 2)}</td>
                    <td className="n">{usd(c.fixed_costs_usd, 2)}</td>
                    <td className="n">{usd(c.total_usd, 2)}</td>
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
            </div>
          )}
        </>
      )}
    </SectionBlock>
  );
}
