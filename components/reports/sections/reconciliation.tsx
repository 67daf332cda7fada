import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { formatUsd6 } from "@/lib/money";
import { ReportTable } from "../report-table";

/** Board report section s-recon (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function ReconciliationSection({ r, v }: SectionProps) {
  const { cb, cutoff } = v;
  return (
    <SectionBlock id="s-recon" s={r.chargeback} newPage>
      {(c) => (
        <>
          <ReportTable
            testId="reconciliation"
            rows={c.rows}
            rowKey={(row) => row.team}
            columns={[
              { head: "Team", cell: (row) => row.team },
              { head: "Usage cost (USD)", n: true, cell: (row) => formatUsd6(row.directPico) },
              { head: "Fixed & shared (USD)", n: true, cell: (row) => formatUsd6(row.allocatedPico) },
              { head: "Fully loaded (USD)", n: true, cell: (row) => formatUsd6(row.totalPico) },
            ]}
            foot={
              <tr>
                <td>Month total</td>
                <td className="n">{formatUsd6(c.eventsPico)}</td>
                <td className="n">{formatUsd6(c.fixedCostsPico)}</td>
                <td className="n">{formatUsd6(c.totalPico)}</td>
              </tr>
            }
          />
          <ul className="defs">
            <li>
              <strong>Usage cost</strong>: priced model calls. <strong>Fixed and shared costs</strong>: licences, harness and platform costs
              spread over their period and allocated by rule. <strong>Fully loaded cost</strong> = usage cost + fixed and shared costs (the
              chargeback total). <strong>Invoiced</strong>: what a provider billed. <strong>Attributed</strong>: the usage cost that matches
              an invoice&apos;s provider and period.
            </li>
            <li>
              Figures are exact decimal sums rounded once to 6 decimals (half-even), the same as{" "}
              <code>GET /api/v1/reports/chargeback?month={r.month}</code>.
            </li>
            <li>
              Events count in the month of their timestamp (UTC); fixed and shared costs are spread per day over their period and allocated
              by their rule.
            </li>
            <li>Interaction = one session within one feature; an event with no session is its own interaction.</li>
            <li>
              Data cut-off {cutoff}.{" "}
              {cb?.status === "closed"
                ? "The month is closed: re-exporting it gives this same document (only the export time differs) until an admin reopens it."
                : "The month is open: its figures change as events arrive; closing it freezes this report."}
            </li>
          </ul>
        </>
      )}
    </SectionBlock>
  );
}
