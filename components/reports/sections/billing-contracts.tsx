import type { Section } from "@/lib/reports/get-board-report";
import type { BoardReportData } from "@/lib/reports/board-report-from-wire";
import type { Pico } from "@/lib/money";
import { reportMoney, USD_REPORT, type ReportMoney } from "@/lib/reports/report-money";
import { pct } from "@/lib/format";
import { ReportTable } from "../report-table";

type BillingData = Extract<BoardReportData["billing"], { ok: true }>["data"];

/** Board report: what the providers invoiced against what Spendline attributed, and contracts at risk. */
export function BillingContractsSection({
  s,
  title = "Billing and contracts",
  trueUp,
  m = reportMoney(USD_REPORT),
}: {
  s: Section<BillingData>;
  title?: string;
  /** the chargeback's invoice true-up of the month */
  trueUp?: Pico;
  /** the report's money formatters (its currency) */
  m?: ReportMoney;
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
                { head: "Invoiced", n: true, cell: (p) => m.money(p.invoiced, 2) },
                { head: "Attributed", n: true, cell: (p) => m.money(p.attributed, 2) },
                {
                  head: "Gap",
                  n: true,
                  cell: (p) => (
                    <>
                      {m.money(p.gap, 2)} ({pct(p.gapShare)})
                    </>
                  ),
                },
                {
                  head: "Largest driver",
                  cell: (p) => (p.largestDriver ? `${p.largestDriver.label}: ${m.money(p.largestDriver.amount, 2)}` : "—"),
                },
              ]}
            />
          )}
          {trueUp !== undefined && trueUp !== 0n && (
            <p>
              The chargeback&apos;s team totals include an invoice true-up of {m.money(trueUp, 2)}, so the month adds up to the invoice.
            </p>
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
          {s.data.idleCapacity
            .filter((c) => c.idleCost !== 0n)
            .map((c) => (
              <p key={c.name} className="note">
                Idle provisioned capacity “{c.name}”: {m.money(c.idleCost, 2)} ({pct(c.utilisation)} utilised), charged to {c.ownerTeam}.
              </p>
            ))}
        </>
      )}
    </section>
  );
}
