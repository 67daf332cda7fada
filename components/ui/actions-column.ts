import type { Column } from "./data-table";

/**
 * The last column of a table whose rows have buttons: no header, nothing of it in the CSV.
 * `numeric` right-aligns it (the admin tables); `emptyCsvColumn` keeps the empty last column that
 * the CSVs of the budgets, alerts, guardrail, webhook and shared-cost tables have always had.
 */
export function actionsColumn<T>(
  render: (row: T) => React.ReactNode,
  { numeric, emptyCsvColumn }: { numeric?: boolean; emptyCsvColumn?: boolean } = {},
): Column<T> {
  return { key: "actions", label: "", value: () => "", render, ...(numeric ? { numeric } : {}), ...(emptyCsvColumn ? {} : { csv: false }) };
}
