"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { Stat } from "../metrics/states";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { pct, usd } from "@/lib/format";
import { parseUsd, ratio } from "@/lib/money";
import type { ReconciliationReport } from "@/lib/billing/get-reconciliation";
import { coverageText } from "@/lib/billing/reconcile";
import { gapSummary } from "./gap-summary";
import { InvoiceCurrencyTables } from "./invoice-currency-tables";

type Provider = ReconciliationReport["providers"][number];
type Driver = Provider["drivers"][number] & { provider: string };
type ModelRow = ReconciliationReport["models"][number];
type DayRow = ReconciliationReport["days"][number];

const driverCols: Column<Driver>[] = [
  { key: "provider", label: "Provider", value: (d) => d.provider },
  { key: "label", label: "Explained by", value: (d) => d.label },
  { key: "amount_usd", label: "Amount", numeric: true, value: (d) => d.amount_usd, render: (d) => usd(d.amount_usd) },
  { key: "detail", label: "Evidence", value: (d) => d.detail },
];
const modelCols: Column<ModelRow>[] = [
  { key: "provider", label: "Provider", value: (m) => m.provider },
  { key: "model", label: "Model", value: (m) => m.model },
  { key: "invoiced_usd", label: "Invoiced", numeric: true, value: (m) => m.invoiced_usd, render: (m) => usd(m.invoiced_usd) },
  { key: "attributed_usd", label: "Attributed", numeric: true, value: (m) => m.attributed_usd, render: (m) => usd(m.attributed_usd) },
  { key: "gap_usd", label: "Gap", numeric: true, value: (m) => m.gap_usd, render: (m) => usd(m.gap_usd) },
  {
    key: "effective_rate_per_mtok",
    label: "Invoice $/MTok",
    numeric: true,
    value: (m) => m.effective_rate_per_mtok,
    render: (m) => (m.effective_rate_per_mtok ? usd(m.effective_rate_per_mtok, 4) : "—"),
  },
  {
    key: "attributed_rate_per_mtok",
    label: "Spendline $/MTok",
    numeric: true,
    value: (m) => m.attributed_rate_per_mtok,
    render: (m) => (m.attributed_rate_per_mtok ? usd(m.attributed_rate_per_mtok, 4) : "—"),
  },
];
const dayCols: Column<DayRow>[] = [
  { key: "day", label: "Day", value: (d) => d.day },
  { key: "provider", label: "Provider", value: (d) => d.provider },
  { key: "model", label: "Model", value: (d) => (d.model === "*" ? "(all models)" : d.model) },
  { key: "invoiced_usd", label: "Invoiced", numeric: true, value: (d) => d.invoiced_usd, render: (d) => usd(d.invoiced_usd) },
  { key: "attributed_usd", label: "Attributed", numeric: true, value: (d) => d.attributed_usd, render: (d) => usd(d.attributed_usd) },
  { key: "gap_usd", label: "Gap", numeric: true, value: (d) => d.gap_usd, render: (d) => usd(d.gap_usd) },
];

/** Orders amounts of either sign by size, largest first (0 on a tie). */
function bySizeDesc(a: string, b: string): number {
  const abs = (s: string) => {
    const p = parseUsd(s);
    return p < 0n ? -p : p;
  };
  const x = abs(a);
  const y = abs(b);
  return y > x ? 1 : y < x ? -1 : 0;
}

const DAY_ROWS = 20;
/** The days worth reading first: largest |gap|, then by day; the CSV carries every row. */
function largestDays(days: DayRow[]): DayRow[] {
  return [...days].sort((a, b) => bySizeDesc(a.gap_usd, b.gap_usd) || (a.day < b.day ? -1 : 1)).slice(0, DAY_ROWS);
}

export function ReconciliationView({
  report,
  canManage,
  teams,
  closedAt = null,
}: {
  report: ReconciliationReport;
  canManage: boolean;
  teams: string[];
  /** the month is closed: its reconciliation is frozen and no true-up is offered */
  closedAt?: string | null;
}) {
  const { busy, error, run } = useApiAction();
  const [rule, setRule] = useState("proportional");
  const [team, setTeam] = useState(teams[0] ?? "");
  const m = report.month;
  const drivers: Driver[] = report.providers.flatMap((p) => p.drivers.map((d) => ({ ...d, provider: p.provider })));
  const largest = [...drivers].sort((a, b) => bySizeDesc(a.amount_usd, b.amount_usd))[0];
  const gapShare = ratio(parseUsd(report.gap_usd), parseUsd(report.invoiced_usd));
  const partial = report.providers.filter((p) => !p.coverage.complete);
  const gap = gapSummary(report, gapShare, partial.length > 0);

  const apply = () => {
    const allocation = rule === "direct" ? { rule, team } : { rule };
    return run(() => apiFetch("/api/v1/billing/true-up", { method: "POST", json: { month: m, allocation } }), {
      hint: "Nothing was changed.",
    });
  };
  const remove = () =>
    run(() => apiFetch(`/api/v1/billing/true-up?month=${m}`, { method: "DELETE" }), {
      confirm: `Remove the invoice true-up of ${m}? The chargeback goes back to attributed cost only.`,
    });

  return (
    <>
      <FormMessages error={error} />
      {closedAt && (
        <p className="alert" role="note">
          {m} was closed on {closedAt.slice(0, 10)}: this reconciliation is frozen as it was at the close. An admin can reopen the month on
          the <a href={`/chargeback?month=${m}`}>Chargeback</a> page.
        </p>
      )}
      {partial.map((p) => (
        <p key={p.provider} className="alert" role="note" data-testid="partial-invoice">
          The {p.provider} invoice {coverageText(p.coverage)} of {m}: it is compared with what Spendline attributed on those days only, and
          no alert or true-up is offered until the whole month is imported.
        </p>
      ))}
      <p className="muted" style={{ marginTop: 0 }}>
        Invoiced: what the providers billed. Attributed: the usage cost Spendline priced for the same providers and days. Gap = invoiced −
        attributed.
      </p>
      <div className="grid" style={{ marginBottom: 16, gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 200px), 1fr))" }}>
        <Stat
          label="Invoiced"
          value={usd(report.invoiced_usd, 2)}
          sub={`${report.providers.length} provider${report.providers.length === 1 ? "" : "s"}${
            partial.length ? ` · ${partial.map((p) => `${p.provider} ${coverageText(p.coverage)}`).join(", ")}` : ""
          }`}
        />
        <Stat
          label="Attributed"
          value={usd(report.attributed_usd, 2)}
          sub={
            partial.length ? "usage cost of the invoiced providers, on the days the invoices cover" : "usage cost of the invoiced providers"
          }
        />
        <Stat
          label={gap.label}
          value={usd(report.gap_usd, 2)}
          sub={
            <>
              {gap.sub}
              {gap.perProvider.length > 0 && (
                <ul aria-label="Gap per provider" style={{ listStyle: "none", margin: "4px 0 0", padding: 0 }}>
                  {gap.perProvider.map((p) => (
                    <li key={p.provider} style={p.over ? { color: "var(--bad)" } : undefined}>
                      {p.text}
                      {p.over ? " — above the threshold" : ""}
                    </li>
                  ))}
                </ul>
              )}
            </>
          }
        />
        {/* a name, not an amount: smaller type than Stat's value */}
        <div className="stat">
          <div className="label">Largest driver</div>
          <div className="value" style={{ fontSize: 16 }}>
            {largest ? largest.label : "—"}
          </div>
          <div className="sub">{largest ? `${largest.provider}: ${usd(largest.amount_usd)}` : "no gap"}</div>
        </div>
      </div>
      {report.providers
        .filter((p) => p.over_threshold)
        .map((p) => (
          <div key={p.provider} role="alert" className="alert alert-error">
            {p.provider}: the invoice is {usd(p.gap_usd)} ({pct(p.gap_share)}) off what Spendline attributed, above the{" "}
            {pct(report.threshold_share)} threshold. An alert was raised.
          </div>
        ))}
      <section className="card" aria-label="Invoice true-up">
        <h2>Invoice true-up</h2>
        {report.true_up.applied ? (
          <p>
            Applied {report.true_up.applied_at?.slice(0, 10)}: {usd(report.true_up.amount_usd ?? "0")} allocated{" "}
            {report.true_up.rule === "direct" ? "to one team" : report.true_up.rule === "even" ? "evenly" : "in proportion to direct cost"};
            the <a href={`/chargeback?month=${m}`}>chargeback of {m}</a> adds up to the invoice ({usd(report.invoiced_usd)}).
          </p>
        ) : (
          <p className="muted">
            Allocate the unattributed {usd(report.gap_usd)} into the chargeback so that {m} adds up exactly to the invoice.
          </p>
        )}
        {canManage && closedAt && !report.true_up.applied && <p className="muted">{m} is closed: no true-up can be applied to it.</p>}
        {canManage && !closedAt && !report.complete && (
          <p className="muted">A true-up is offered once every provider&apos;s invoice covers the whole month.</p>
        )}
        {canManage && !closedAt && report.complete && (
          <div className="form-row">
            <div className="field">
              <label htmlFor="tu-rule">Allocate the remainder</label>
              <select id="tu-rule" value={rule} onChange={(e) => setRule(e.target.value)}>
                <Options
                  items={[
                    ["proportional", "Proportional to each team's direct cost"],
                    ["even", "Even split over teams"],
                    ["direct", "All to one team"],
                  ]}
                />
              </select>
            </div>
            {rule === "direct" && (
              <div className="field">
                <label htmlFor="tu-team">Team</label>
                <select id="tu-team" value={team} onChange={(e) => setTeam(e.target.value)}>
                  <Options items={teams} />
                </select>
              </div>
            )}
            <div className="field">
              <button className="btn btn-primary" disabled={busy || !report.imported} onClick={apply}>
                {report.true_up.applied ? "Re-apply true-up" : "Apply true-up"}
              </button>
            </div>
            {report.true_up.applied && (
              <div className="field">
                <button className="btn" disabled={busy} onClick={remove}>
                  Remove
                </button>
              </div>
            )}
          </div>
        )}
      </section>
      <InvoiceCurrencyTables report={report} />
      <DataTable
        title="Gap explained"
        filename={`reconciliation-drivers-${m}.csv`}
        columns={driverCols}
        rows={drivers}
        rowKey={(d) => `${d.provider}|${d.driver}`}
        empty="No gap: the invoice matches what Spendline attributed."
      />
      <DataTable
        title="Per model: invoiced vs attributed, and the effective rate"
        filename={`reconciliation-models-${m}.csv`}
        columns={modelCols}
        rows={report.models}
        rowKey={(x) => `${x.provider}|${x.model}`}
      />
      <DataTable
        title={
          report.days.length > DAY_ROWS ? `Per model and day: the ${DAY_ROWS} largest gaps of ${report.days.length}` : "Per model and day"
        }
        filename={`reconciliation-${m}.csv`}
        columns={dayCols}
        rows={largestDays(report.days)}
        csvRows={report.days}
        rowKey={(d) => `${d.provider}|${d.model}|${d.day}`}
        dense
      />
    </>
  );
}
