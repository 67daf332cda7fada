/**
 * The chargeback as CSV (GET /api/v1/reports/chargeback?format=csv): one line per team and a
 * total line. Columns that only some months have appear only then: `true_up_usd` (an invoice
 * true-up), `margin_usd` and `recharged_usd` (internal margins: provider cost, margin and the
 * recharged total apart), and the reporting currency's columns with the rate and its date.
 * Pure; reads the typed report (decision 052).
 */
import { csvFromTable, type CsvValue } from "../csv/to-csv";
import { formatUsd6, type Pico } from "../money";
import type { ChargebackReport, ChargebackRow, ReportingFigures } from "./compute-chargeback";

type Cell = { head: string; row: (r: ChargebackRow) => CsvValue; total: (r: ChargebackReport) => CsvValue };
const money = (p: Pico | undefined) => (p === undefined ? "" : formatUsd6(p));

export function chargebackCsv(report: ChargebackReport): string {
  const withTrueUp = !!report.trueUpPico;
  const withMargin = report.marginPico !== undefined;
  const cells: Cell[] = [
    { head: "team", row: (r) => r.team, total: () => "total" },
    { head: "direct_usd", row: (r) => money(r.directPico), total: (t) => money(t.eventsPico) },
    { head: "allocated_usd", row: (r) => money(r.allocatedPico), total: (t) => money(t.fixedCostsPico) },
    ...(withTrueUp ? [{ head: "true_up_usd", row: (r) => money(r.trueUpPico), total: (t) => money(t.trueUpPico) } satisfies Cell] : []),
    { head: "total_usd", row: (r) => money(r.totalPico), total: (t) => money(t.totalPico) },
    ...(withMargin
      ? ([
          { head: "margin_usd", row: (r) => money(r.marginPico), total: (t) => money(t.marginPico) },
          { head: "recharged_usd", row: (r) => money(r.rechargedPico), total: (t) => money(t.rechargedPico) },
        ] satisfies Cell[])
      : []),
    { head: "events", row: (r) => r.events, total: (t) => t.events },
    { head: "share", row: (r) => r.share, total: () => "1" },
    { head: "success_rate", row: (r) => r.successRate, total: () => "" },
    { head: "correct_rate", row: (r) => r.correctRate, total: () => "" },
    { head: "ter", row: (r) => r.ter, total: () => "" },
    { head: "ter_change", row: (r) => r.terChange, total: () => "" },
  ];
  const rep = report.reporting;
  const figures = rep?.figures;
  if (!rep?.rate || !figures) {
    return csvFromTable(
      cells.map((c) => c.head),
      [...report.rows.map((r) => cells.map((c) => c.row(r))), cells.map((c) => c.total(report))],
    );
  }
  // in a reporting currency other than USD: its columns, then the rate and its date on every line
  const ccy = rep.currency.toLowerCase();
  const extra = [`direct_${ccy}`, `allocated_${ccy}`, ...(withTrueUp ? [`true_up_${ccy}`] : []), `total_${ccy}`, "rate", "rate_date"];
  const extraOf = (f: ReportingFigures | undefined) => [
    money(f?.direct),
    money(f?.allocated),
    ...(withTrueUp ? [money(f?.trueUp)] : []),
    money(f?.total),
    rep.rate,
    rep.rateDate,
  ];
  const totalFigures = { direct: figures.events, allocated: figures.fixedCosts, trueUp: figures.trueUp, total: figures.total };
  return csvFromTable(
    [...cells.map((c) => c.head), ...extra],
    [
      ...report.rows.map((r) => [...cells.map((c) => c.row(r)), ...extraOf(r.reporting)]),
      [...cells.map((c) => c.total(report)), ...extraOf(totalFigures)],
    ],
  );
}
