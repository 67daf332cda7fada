import type { BoardReportData } from "@/lib/reports/board-report-from-wire";
import type { ReportMoney } from "@/lib/reports/report-money";
import { day } from "./view";
import { ReportTable } from "../report-table";

/**
 * Board report: what to change next and what it is worth (the Opportunities page's figures as of
 * the report's data cut-off, frozen with a closed month), and the drafts decided so far with
 * realised savings.
 */
export function OpportunitiesSection({ s, title, m }: { s: BoardReportData["opportunities"]; title: string; m: ReportMoney }) {
  let body: React.ReactNode;
  if (!s.ok) {
    body = <p className="note">{s.message}</p>;
  } else {
    const { window, top, decided } = s.data;
    body = (
      <>
        <p className="note">
          Savings re-priced from the 30 days before the data cut-off ({window.from} to {window.to}, exclusive); figures on the same feature
          overlap and are not additive. Nothing is applied without the owning team&apos;s approval.
        </p>
        {top.length === 0 ? (
          <p className="note">No opportunity worth $1 a month or more.</p>
        ) : (
          <ReportTable
            testId="opportunities"
            rows={top}
            rowKey={(o) => o.id}
            columns={[
              { head: "Change", cell: (o) => o.title },
              { head: "Owner team", cell: (o) => o.ownerTeam ?? "—" },
              { head: `Saving / month (${m.code})`, n: true, cell: (o) => m.money(o.monthlySaving) },
            ]}
          />
        )}
        {decided.length > 0 && (
          <ReportTable
            rows={decided}
            rowKey={(d) => d.id}
            columns={[
              { head: "Approved change", cell: (d) => d.title },
              { head: "Decided", cell: (d) => (d.decidedAt ? day(d.decidedAt) : undefined) },
              { head: `Estimated (${m.code})`, n: true, cell: (d) => m.money(d.estimatedMonthlySaving) },
              {
                head: `Realised (${m.code})`,
                n: true,
                cell: (d) =>
                  d.realised?.status === "measured"
                    ? m.money(d.realised.realised)
                    : d.realised?.status === "pending"
                      ? `measurable ${d.realised.measurableOn}`
                      : "—",
              },
            ]}
          />
        )}
      </>
    );
  }
  return (
    <section className="rsec" aria-labelledby="s-opportunities">
      <h2 id="s-opportunities">{title}</h2>
      {body}
    </section>
  );
}
