"use client";
import { DataTable, type Column } from "../ui/data-table";
import { usd } from "@/lib/format";
import type { ShadowAiReport } from "@/lib/shadow-ai/shadow-ai";

type R = ShadowAiReport;
const deptCols: Column<R["by_department"][number]>[] = [
  { key: "department", label: "Department", value: (d) => d.department },
  {
    key: "unsanctioned_usd",
    label: "Unsanctioned AI spend",
    numeric: true,
    value: (d) => d.unsanctioned_usd,
    render: (d) => usd(d.unsanctioned_usd),
  },
  { key: "lines", label: "Charges", numeric: true, value: (d) => d.lines },
];
const personCols: Column<R["by_person"][number]>[] = [
  { key: "employee", label: "Person", value: (p) => p.employee },
  { key: "department", label: "Department", value: (p) => p.department },
  { key: "vendor", label: "Vendor", value: (p) => (p.product && p.product !== p.vendor ? `${p.vendor} ${p.product}` : p.vendor) },
  { key: "unsanctioned_usd", label: "Amount", numeric: true, value: (p) => p.unsanctioned_usd, render: (p) => usd(p.unsanctioned_usd) },
  {
    key: "recurring",
    label: "Pattern",
    value: (p) => (p.recurring ? "recurring" : "one-off"),
    render: (p) => (p.recurring ? <span className="badge badge-warn">recurring</span> : "one-off"),
  },
];
const trendCols: Column<R["trend"][number]>[] = [
  { key: "month", label: "Month", value: (t) => t.month },
  { key: "ai_spend_usd", label: "AI spend found", numeric: true, value: (t) => t.ai_spend_usd, render: (t) => usd(t.ai_spend_usd) },
  {
    key: "unsanctioned_usd",
    label: "Unsanctioned",
    numeric: true,
    value: (t) => t.unsanctioned_usd,
    render: (t) => usd(t.unsanctioned_usd),
  },
];
const contractCols: Column<R["under_contract"][number]>[] = [
  { key: "vendor", label: "Vendor", value: (c) => c.vendor },
  { key: "people", label: "People paying on their own", numeric: true, value: (c) => c.people },
  { key: "unsanctioned_usd", label: "They paid", numeric: true, value: (c) => c.unsanctioned_usd, render: (c) => usd(c.unsanctioned_usd) },
  {
    key: "under_contract_usd",
    label: "Under the sanctioned contract",
    numeric: true,
    value: (c) => c.under_contract_usd ?? "",
    render: (c) => (c.under_contract_usd ? usd(c.under_contract_usd) : <span className="muted">no sanctioned seat price</span>),
  },
];
const matchCols: Column<R["matches"][number]>[] = [
  { key: "day", label: "Date", value: (m) => m.day },
  { key: "merchant", label: "Merchant", value: (m) => m.merchant },
  { key: "amount_usd", label: "Amount", numeric: true, value: (m) => m.amount_usd, render: (m) => usd(m.amount_usd) },
  { key: "employee", label: "Person", value: (m) => m.employee },
  {
    key: "sanctioned",
    label: "Account",
    value: (m) => (m.sanctioned ? "sanctioned" : "unsanctioned"),
    render: (m) =>
      m.sanctioned ? <span className="badge badge-good">sanctioned</span> : <span className="badge badge-warn">unsanctioned</span>,
  },
  { key: "explanation", label: "Why it matched", value: (m) => m.explanation },
];

export function ShadowTables({ r }: { r: R }) {
  return (
    <>
      <DataTable
        title="Unsanctioned AI spend by department"
        filename={`shadow-ai-departments-${r.month}.csv`}
        columns={deptCols}
        rows={r.by_department}
        rowKey={(d) => d.department}
        empty="No unsanctioned AI spend this month."
      />
      <DataTable
        title="By person and vendor"
        filename={`shadow-ai-people-${r.month}.csv`}
        columns={personCols}
        rows={r.by_person}
        rowKey={(p) => `${p.employee}|${p.vendor}|${p.product}`}
        empty="No one paid for AI on their own this month."
      />
      <DataTable
        title="What it would cost under the sanctioned contract"
        filename={`shadow-ai-contract-${r.month}.csv`}
        columns={contractCols}
        rows={r.under_contract}
        rowKey={(c) => c.vendor}
        empty="Nothing to compare."
      />
      <DataTable
        title="Trend (six months)"
        filename={`shadow-ai-trend-${r.month}.csv`}
        columns={trendCols}
        rows={r.trend}
        rowKey={(t) => t.month}
        dense
      />
      <DataTable
        title="Every match, explained"
        filename={`shadow-ai-matches-${r.month}.csv`}
        columns={matchCols}
        rows={r.matches}
        rowKey={(m) => `${m.day}|${m.merchant}|${m.amount_usd}|${m.employee}|${m.explanation}`}
        empty="No AI vendor found on the imported statements."
        dense
      />
    </>
  );
}
