"use client";
import { CsvDownload, type CsvColumn } from "./csv-download";

/** A titled table with its CSV download; the CSV carries the raw API values of each column. */
/** `csv: false` keeps a column (e.g. row actions) out of the CSV. */
export type Column<T> = CsvColumn<T> & { render?: (row: T) => React.ReactNode; numeric?: boolean; header?: string; csv?: false };

export function DataTable<T>({
  title,
  filename,
  columns,
  rows,
  footer,
  empty = "No rows for these filters.",
  rowKey,
  csvRows,
  csvColumns,
  dense = false,
}: {
  title: string;
  filename: string;
  columns: Column<T>[];
  rows: T[];
  footer?: React.ReactNode;
  empty?: string;
  rowKey: (row: T) => string;
  /** rows for the CSV when the table shows a page of them (default: the rows shown) */
  csvRows?: T[];
  /** columns for the CSV when they differ from the screen's (default: the shown ones whose csv is not false) */
  csvColumns?: CsvColumn<T>[];
  /** wide tables: smaller type and padding so every column fits */
  dense?: boolean;
}) {
  return (
    <section className="card" aria-label={title}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12, marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>{title}</h2>
        <CsvDownload filename={filename} columns={csvColumns ?? columns.filter((c) => c.csv !== false)} rows={csvRows ?? rows} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table" style={dense ? { fontSize: 12 } : undefined}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    className={c.numeric ? "num" : undefined}
                    scope="col"
                    style={dense ? { padding: "6px 6px", whiteSpace: "normal" } : undefined}
                  >
                    {c.header ?? c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? "num" : undefined} style={dense ? { padding: "6px 6px" } : undefined}>
                      {c.render ? c.render(r) : String(c.value(r) ?? "—")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {footer && <tfoot>{footer}</tfoot>}
          </table>
        </div>
      )}
    </section>
  );
}
