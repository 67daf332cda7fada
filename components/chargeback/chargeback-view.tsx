"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { Stat } from "../metrics/states";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { MonthForm } from "../forms/month-form";
import { num, pct, usd } from "@/lib/format";
import type { Chargeback } from "@/lib/chargeback/get-chargeback";
import { EndpointTimeTable } from "./endpoint-time-table";

type Row = Chargeback["rows"][number];
type Late = NonNullable<Chargeback["late_arrivals"]>["items"][number];

const ter = (x: number | null) => (x === null ? "—" : x.toFixed(3));
const change = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${x.toFixed(3)}`);

const columns: Column<Row>[] = [
  { key: "team", label: "Team", value: (r) => r.team, render: (r) => (r.team === "unallocated" ? <em>unallocated</em> : r.team) },
  { key: "direct_usd", label: "Usage cost", numeric: true, value: (r) => r.direct_usd, render: (r) => usd(r.direct_usd) },
  {
    key: "allocated_usd",
    label: "Fixed & shared costs",
    numeric: true,
    value: (r) => r.allocated_usd,
    render: (r) => usd(r.allocated_usd),
  },
  {
    key: "total_usd",
    label: "Fully loaded cost",
    numeric: true,
    value: (r) => r.total_usd,
    render: (r) => <strong>{usd(r.total_usd)}</strong>,
  },
  { key: "share", label: "Share", numeric: true, value: (r) => r.share, render: (r) => pct(r.share) },
  { key: "events", label: "Events", numeric: true, value: (r) => r.events, render: (r) => num(r.events) },
  { key: "success_rate", label: "Success rate", numeric: true, value: (r) => r.success_rate, render: (r) => pct(r.success_rate) },
  { key: "correct_rate", label: "Correct rate", numeric: true, value: (r) => r.correct_rate, render: (r) => pct(r.correct_rate) },
  { key: "ter", label: "TER", numeric: true, value: (r) => r.ter, render: (r) => ter(r.ter) },
  {
    key: "ter_change",
    label: "TER vs last month",
    numeric: true,
    value: (r) => r.ter_change,
    render: (r) => (
      <span
        className={
          r.ter_change !== null && r.ter_change > 0.05 && r.correct_rate !== null && r.correct_rate < 0.8 ? "badge badge-warn" : undefined
        }
      >
        {change(r.ter_change)}
      </span>
    ),
  },
];

const lateColumns: Column<Late>[] = [
  { key: "event_id", label: "Event", value: (r) => r.event_id },
  { key: "timestamp", label: "Timestamp (UTC)", value: (r) => r.timestamp, render: (r) => r.timestamp.slice(0, 19).replace("T", " ") },
  { key: "received_at", label: "Received (UTC)", value: (r) => r.received_at, render: (r) => r.received_at.slice(0, 19).replace("T", " ") },
  { key: "feature", label: "Feature", value: (r) => r.feature },
  { key: "team", label: "Team", value: (r) => r.team },
  { key: "cost_usd", label: "Cost", numeric: true, value: (r) => r.cost_usd, render: (r) => usd(r.cost_usd) },
];

/** The invoice true-up column (lib/billing) appears only in a month that has one. */
function withTrueUp(cols: Column<Row>[], report: Chargeback): Column<Row>[] {
  if (!report.true_up_usd || report.true_up_usd === "0.000000") return cols;
  const col: Column<Row> = {
    key: "true_up_usd",
    label: "Invoice true-up",
    numeric: true,
    value: (r) => r.true_up_usd,
    render: (r) => usd(r.true_up_usd),
  };
  return [...cols.slice(0, 3), col, ...cols.slice(3)];
}

/**
 * Internal margins (price-book margin rules, decision 045): in a month that has any, the provider
 * cost, the margin and the recharged total stand apart, never one figure with the margin folded in.
 */
function withMargin(cols: Column<Row>[], report: Chargeback): Column<Row>[] {
  if (report.margin_usd === undefined) return cols;
  const at = cols.findIndex((c) => c.key === "total_usd");
  const provider: Column<Row> = { ...cols[at], label: "Provider cost (fully loaded)", render: (r) => usd(r.total_usd) };
  const margin: Column<Row> = {
    key: "margin_usd",
    label: "Margin",
    numeric: true,
    value: (r) => r.margin_usd ?? null,
    render: (r) => usd(r.margin_usd ?? "0"),
  };
  const recharged: Column<Row> = {
    key: "recharged_usd",
    label: "Recharged total",
    numeric: true,
    value: (r) => r.recharged_usd ?? null,
    render: (r) => <strong>{usd(r.recharged_usd ?? r.total_usd)}</strong>,
  };
  return [...cols.slice(0, at), provider, margin, recharged, ...cols.slice(at + 1)];
}

/** The footer's total under each shown column (money columns, share and events; blank elsewhere). */
function totalsFooter(cols: Column<Row>[], report: Chargeback) {
  const rep = report.reporting;
  const totals: Record<string, React.ReactNode> = {
    team: "Total",
    direct_usd: usd(report.events_usd),
    allocated_usd: usd(report.fixed_costs_usd),
    true_up_usd: usd(report.true_up_usd ?? "0"),
    total_usd: usd(report.total_usd),
    margin_usd: report.margin_usd === undefined ? "" : usd(report.margin_usd),
    recharged_usd: report.recharged_usd === undefined ? "" : <strong>{usd(report.recharged_usd)}</strong>,
    share: "100.0 %",
    events: num(report.events),
    ...(rep?.total ? { [`total_${rep.currency.toLowerCase()}`]: `${rep.total} ${rep.currency}` } : {}),
  };
  return (
    <tr>
      {cols.map((c) => (
        <td key={c.key} className={c.numeric ? "num" : undefined}>
          {totals[c.key] ?? ""}
        </td>
      ))}
    </tr>
  );
}

/**
 * The reporting currency (decision 047): when it is not USD and a rate is held, each team's fully
 * loaded cost in it, the rate and its date on hover; the CSV carries every converted column.
 */
function withReporting(cols: Column<Row>[], report: Chargeback): Column<Row>[] {
  const rep = report.reporting;
  if (!rep?.rate) return cols;
  const hover = `1 USD = ${rep.rate} ${rep.currency}, rate of ${rep.rate_date} (in force on the month's last day)`;
  const conv = (label: string, key: "direct" | "allocated" | "true_up" | "total"): Column<Row> => ({
    key: `${key}_${rep.currency.toLowerCase()}`,
    label,
    numeric: true,
    value: (r) => r.reporting?.[key] ?? null,
    render: (r) => <span title={hover}>{r.reporting ? `${r.reporting[key]} ${rep.currency}` : "—"}</span>,
  });
  return [
    ...cols,
    conv(`Fully loaded (${rep.currency})`, "total"),
    { key: "rate", label: "Rate", value: () => rep.rate, render: () => <span title={hover}>{rep.rate}</span> },
    { key: "rate_date", label: "Rate of", value: () => rep.rate_date },
  ];
}

export function ChargebackView({
  report,
  canClose,
  canReopen,
  finished,
}: {
  report: Chargeback;
  canClose: boolean;
  canReopen: boolean;
  finished: boolean;
}) {
  const { busy, error, run } = useApiAction({ hint: "Nothing was changed; try again." });
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState("");
  const m = report.month;
  const shown = withReporting(withMargin(withTrueUp(columns, report), report), report);

  const act = (path: string, method: "POST" | "PUT", json: unknown, confirm?: string) =>
    run(() => apiFetch(path, { method, json }), { confirm });

  return (
    <>
      <div className="filters" role="group" aria-label="Month">
        <MonthForm action="/chargeback" id="cb-month" label="Month (UTC)" month={m} />
        <div className="field">
          <span className={`badge ${report.status === "closed" ? "badge-good" : ""}`}>
            {report.status === "closed" ? `Closed ${report.closed_at?.slice(0, 10)}` : "Open"}
          </span>{" "}
          <span className="badge">{report.mode === "chargeback" ? "Chargeback (billed)" : "Showback (information)"}</span>
        </div>
        <div className="field" style={{ marginLeft: "auto", display: "flex", gap: 8, flexWrap: "wrap" }}>
          <a className="btn" href={`/api/v1/reports/chargeback?month=${m}&format=csv`} download>
            ⬇ Chargeback CSV
          </a>
          <a className="btn" href={`/api/v1/exports/focus?month=${m}`} download>
            ⬇ FOCUS CSV
          </a>
          {canClose && report.status === "open" && !finished && (
            <span className="muted" style={{ alignSelf: "center" }}>
              {m} is not over yet; it can be closed once it has ended.
            </span>
          )}
          {canClose && report.status === "open" && finished && (
            <button
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                act(
                  "/api/v1/reports/chargeback/close",
                  "POST",
                  { month: m },
                  `Close ${m}? The report is frozen; later events for ${m} will be listed as late arrivals.`,
                )
              }
            >
              Close month
            </button>
          )}
          {canReopen && report.status === "closed" && !reopening && (
            <button className="btn" disabled={busy} onClick={() => setReopening(true)}>
              Reopen month…
            </button>
          )}
          {canClose && !canReopen && report.status === "closed" && (
            <span className="muted" style={{ alignSelf: "center" }}>
              Closed: only an admin can reopen it.
            </span>
          )}
          {canClose && (
            <label style={{ display: "inline-flex", alignItems: "center", gap: 6, fontWeight: 400 }}>
              Mode
              <select
                value={report.mode}
                disabled={busy}
                onChange={(e) => act("/api/v1/reports/chargeback/mode", "PUT", { mode: e.target.value })}
              >
                <Options
                  items={[
                    ["showback", "Showback"],
                    ["chargeback", "Chargeback"],
                  ]}
                />
              </select>
            </label>
          )}
        </div>
      </div>
      {canReopen && report.status === "closed" && reopening && (
        <form
          className="card"
          style={{ marginBottom: 12, display: "flex", gap: 8, flexWrap: "wrap", alignItems: "end" }}
          onSubmit={(e) => {
            e.preventDefault();
            void act("/api/v1/reports/chargeback/reopen", "POST", { month: m, reason }).then((ok) => ok && setReopening(false));
          }}
        >
          <label className="field" style={{ flex: "1 1 260px" }}>
            Why reopen {m}? (recorded in the audit log)
            <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
          </label>
          <button className="btn btn-primary" disabled={busy || reason.trim().length < 3}>
            Reopen {m}
          </button>
          <button type="button" className="btn" onClick={() => setReopening(false)}>
            Cancel
          </button>
          <p className="muted" style={{ flexBasis: "100%", margin: 0 }}>
            Reopening restates the month: its chargeback, board report and reconciliation are computed live again and include the late
            arrivals. Close it again to freeze the restated figures.
          </p>
        </form>
      )}
      <FormMessages error={error} />
      <div className="grid grid-4" style={{ marginBottom: 16 }}>
        {report.recharged_usd !== undefined ? (
          <Stat
            label="Recharged total"
            value={usd(report.recharged_usd)}
            sub={`provider cost ${usd(report.total_usd)} (usage + fixed and shared) + internal margin ${usd(report.margin_usd ?? "0")}`}
          />
        ) : (
          <Stat label="Fully loaded cost" value={usd(report.total_usd)} sub="usage cost + fixed and shared costs" />
        )}
        <Stat label="Usage cost" value={usd(report.events_usd)} sub={`priced model calls: ${num(report.events)} events`} />
        <Stat label="Fixed & shared costs" value={usd(report.fixed_costs_usd)} sub={<a href="/costs">manage shared costs</a>} />
        <Stat
          label="Unallocated"
          value={usd(report.rows.find((r) => r.team === "unallocated")?.total_usd ?? "0")}
          sub="events without a team, rules that cannot place cost"
        />
      </div>
      <DataTable
        title={`Per team, ${m}`}
        filename={`chargeback-${m}.csv`}
        columns={shown}
        rows={report.rows}
        rowKey={(r) => r.team}
        footer={totalsFooter(shown, report)}
      />
      {report.endpoint_time && <EndpointTimeTable month={m} endpoints={report.endpoint_time} />}
      {report.reporting && (
        <p className="muted" style={{ fontSize: 12 }}>
          {report.reporting.total
            ? `In ${report.reporting.currency}: fully loaded ${report.reporting.total} (usage ${report.reporting.events}, fixed and shared ${report.reporting.fixed_costs}${report.reporting.true_up !== "0.000000" ? `, true-up ${report.reporting.true_up}` : ""}). `
            : ""}
          {report.reporting.rate_note}. Each team&apos;s figure is converted once from its exact value; the rows add up exactly to the
          converted total.
        </p>
      )}
      <p className="muted" style={{ fontSize: 12 }}>
        {report.margin_usd !== undefined &&
          "Provider cost is what the providers charge (usage + fixed and shared costs); the margin is the internal recharge added by price-book margin rules, shown apart; recharged total = provider cost + margin. "}
        Rounding: exact sums, then each money column rounded to 6 decimals by the largest-remainder method (ties to the team name
        alphabetically), so the rows add up exactly to the month&apos;s events + fixed costs. Display rounds to cents; the CSV carries the
        6-decimal figures.
      </p>
      {report.late_arrivals && (
        <DataTable
          title={`Late arrivals: ${num(report.late_arrivals.events)} event${report.late_arrivals.events === 1 ? "" : "s"}, ${usd(report.late_arrivals.cost_usd)} (not added to the closed month)`}
          filename={`chargeback-${m}-late-arrivals.csv`}
          columns={lateColumns}
          rows={report.late_arrivals.items}
          rowKey={(r) => r.event_id}
          empty="No events for this month have arrived since it was closed."
        />
      )}
    </>
  );
}
