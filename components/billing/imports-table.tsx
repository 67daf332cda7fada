"use client";
import { DataTable, type Column } from "../ui/data-table";
import { usd } from "@/lib/format";
import type { ImportListItem } from "@/lib/billing/import-billing";

const SOURCE_LABEL: Record<string, string> = {
  openai_costs: "OpenAI costs",
  openai_usage: "OpenAI usage",
  anthropic_cost_report: "Anthropic cost report",
  anthropic_usage: "Anthropic usage",
  focus: "FOCUS",
};

const columns: Column<ImportListItem>[] = [
  { key: "imported_at", label: "Imported (UTC)", value: (i) => i.imported_at, render: (i) => i.imported_at.slice(0, 16).replace("T", " ") },
  { key: "account", label: "Account", value: (i) => i.account },
  { key: "source", label: "Source", value: (i) => i.source, render: (i) => SOURCE_LABEL[i.source] ?? i.source },
  { key: "period", label: "Period", value: (i) => `${i.period_start} – ${i.period_end}` },
  { key: "lines", label: "Lines", numeric: true, value: (i) => i.lines },
  { key: "cost_usd", label: "Amount", numeric: true, value: (i) => i.cost_usd, render: (i) => usd(i.cost_usd) },
  {
    key: "changes",
    label: "What changed",
    value: (i) => `+${i.added} ~${i.changed} −${i.removed}`,
    render: (i) =>
      i.added + i.changed + i.removed === 0 ? (
        <span className="muted">nothing (same file)</span>
      ) : (
        `${i.added} added, ${i.changed} changed, ${i.removed} removed (${usd(i.cost_delta_usd)})`
      ),
  },
  { key: "via", label: "Via", value: (i) => i.via },
];

export function ImportsTable({ imports }: { imports: ImportListItem[] }) {
  return (
    <DataTable
      title="Imports"
      filename="billing-imports.csv"
      columns={columns}
      rows={imports}
      rowKey={(i) => i.id}
      empty="No invoice imported yet."
      dense
    />
  );
}
