/**
 * The one CSV writer (RFC 4180, CRLF line ends), shared by every export and download.
 * Cells that start like a spreadsheet formula (=, +, -, @, tab, CR) but are not numbers get
 * a leading ' so that opening an export in Excel never runs a formula an event sender wrote.
 * Objects are written as JSON.
 */
export type CsvValue = string | number | boolean | bigint | null | undefined | object;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "object" ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and rows of cells. */
export function csvFromTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Plain objects; the header is `columns` or the keys of the first row. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return csvFromTable(
    cols,
    rows.map((r) => cols.map((c) => r[c] as CsvValue)),
  );
}
