import type { Section } from "@/lib/reports/get-board-report";
import type { BoardBilling } from "@/lib/billing/board-billing";
import { pct, usd } from "@/lib/format";
import { parseUsd } from "@/lib/money";
import { ReportTable } from "../report-table";

/** Board report: what the providers invoiced against what Spendline attributed, and contracts at risk. */
export function BillingContractsSection({
  s,
  title = "Billing and contracts",
  trueUpUsd,
}: {
  s: Section<BoardBilling>;
  title?: string;
  trueUpUsd?: string;
}) {
  return (
    <section className="rsec" aria-labelledby="s-billing">
      <h2 id="s-billing">{title}</h2>
      {!s.ok ? (
        <p className="note">{s.message}</p>
      ) : s.data.providers.length === 0 && s.data.commitments.length === 0 ? (
        <p className="note">No provider invoice imported for this month and no commitment recorded (Invoices &amp; contracts page).</p>
      ) : (
        <>
          {s.data.providers.length > 0 && (
            <p className="note">
              Invoiced: what the provider billed. Attributed: the usage cost Spendline priced for the same provider and period. Gap =
              invoiced − attributed.
            </p>
          )}
          {s.data.providers.length > 0 && (
            <ReportTable
              rows={s.data.providers}
              rowKey={(p) => p.provider}
              columns={[
                { head: "Provider", cell: (p) => p.provider },
                { head: "Invoiced", n: true, cell: (p) => usd(p.invoiced_usd, 2) },
                { head: "Attributed", n: true, cell: (p) => usd(p.attributed_usd, 2) },
                {
                  head: "Gap",
                  n: true,
                  cell: (p) => (
                    <>
                      {usd(p.gap_usd, 2)} ({pct(p.gap_share)})
                    </>
                  ),
                },
                {
                  head: "Largest driver",
                  cell: (p) => (p.largest_driver ? `${p.largest_driver.label}: ${usd(p.largest_driver.amount_usd, 2)}` : "—"),
                },
              ]}
            />
          )}
          {trueUpUsd && parseUsd(trueUpUsd) !== 0n && (
            <p>The chargeback&apos;s team totals include an invoice true-up of {usd(trueUpUsd, 2)}, so the month adds up to the invoice.</p>
          )}
          {s.data.commitments
            .filter((c) => c.status !== "ok")
            .map((c) => (
              <p key={c.name}>
                <strong>{c.name}</strong> ({c.status === "lapsed" ? "lapsed" : "at risk"}): {c.warning}
              </p>
            ))}
          {s.data.commitments.length > 0 && s.data.commitments.every((c) => c.status === "ok") && (
            <p>All commitments are on track at the current run-rate.</p>
          )}
          {s.data.idle_capacity
            .filter((c) => parseUsd(c.idle_cost_usd) !== 0n)
            .map((c) => (
              <p key={c.name} className="note">
                Idle provisioned capacity “{c.name}”: {usd(c.idle_cost_usd, 2)} ({pct(c.utilisation)} utilised), charged to {c.owner_team}.
              </p>
            ))}
        </>
      )}
    </section>
  );
}
