/**
 * The one CSV writer (RFC 4180, CRLF line ends), shared by every export and download.
 * Cells that start like a spreadsheet formula (=, +, -, @, tab, CR: OWASP "CSV injection") get
 * a leading ' so that opening an export in Excel never runs a formula an event sender wrote.
 * Genuine numbers stay numbers: JS numbers and bigints are never escaped, and a string is left
 * alone only when it is a plain decimal as a whole (the wire's money and counts, "-12.500000");
 * a string that merely starts like one (`-2+3+cmd|' /C calc'!A0`) is escaped. Objects are
 * written as JSON.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Whether a text cell would be read as a formula by a spreadsheet. */
export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s) && !PLAIN_DECIMAL.test(s);
}

export type CsvValue = string | number | boolean | bigint | null | undefined | object;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "object" ? JSON.stringify(v) : String(v);
  if (typeof v !== "number" && typeof v !== "bigint" && looksLikeFormula(s)) s = `'${s}`;
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
