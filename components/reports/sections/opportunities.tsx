import type { BoardReport } from "@/lib/reports/get-board-report";
import { displayUsd, parseUsd } from "@/lib/money";
import { ReportTable } from "../report-table";

/**
 * Board report: what to change next and what it is worth (the Opportunities page's figures as of
 * the report's data cut-off, frozen with a closed month), and the drafts decided so far with
 * realised savings.
 */
export function OpportunitiesSection({ s, title }: { s: BoardReport["opportunities"]; title: string }) {
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
              { head: "Owner team", cell: (o) => o.owner_team ?? "—" },
              { head: "Saving / month (USD)", n: true, cell: (o) => displayUsd(parseUsd(o.monthly_saving_usd)) },
            ]}
          />
        )}
        {decided.length > 0 && (
          <ReportTable
            rows={decided}
            rowKey={(d) => d.id}
            columns={[
              { head: "Approved change", cell: (d) => d.title },
              { head: "Decided", cell: (d) => d.decided_at?.slice(0, 10) },
              { head: "Estimated (USD)", n: true, cell: (d) => displayUsd(parseUsd(d.estimated_monthly_saving_usd)) },
              {
                head: "Realised (USD)",
                n: true,
                cell: (d) =>
                  d.realised?.status === "measured"
                    ? displayUsd(parseUsd(d.realised.realised_usd))
                    : d.realised?.status === "pending"
                      ? `measurable ${d.realised.measurable_on}`
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
