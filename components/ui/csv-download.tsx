"use client";
import { csvFromTable, toCsv as objectsToCsv, type CsvValue } from "@/lib/csv/to-csv";

/** CSV downloads: every table's "Download CSV" goes through here (one writer: lib/csv). */
export type CsvColumn<T> = { key: string; label: string; value: (row: T) => string | number | boolean | null | undefined };

/** A CSV of exactly the rows a table shows (money as the API's 6-decimal strings). */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  return csvFromTable(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => c.value(r) as CsvValue)),
  );
}

/** Saves text as a file in the browser. */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Button({ filename, label, disabled, make }: { filename: string; label: string; disabled: boolean; make: () => string }) {
  return (
    <button
      type="button"
      className="btn no-print"
      onClick={() => downloadText(filename, make())}
      disabled={disabled}
      aria-label={`${label}: ${filename}`}
    >
      ⬇ {label}
    </button>
  );
}

export function CsvDownload<T>({
  filename,
  columns,
  rows,
  label = "Download CSV",
}: {
  filename: string;
  columns: CsvColumn<T>[];
  rows: T[];
  label?: string;
}) {
  return <Button filename={filename} label={label} disabled={rows.length === 0} make={() => toCsv(columns, rows)} />;
}

/** Plain objects, one column per key (API rows as they are). */
export function RowsCsvDownload({
  filename,
  rows,
  label = "Download CSV",
}: {
  filename: string;
  rows: Record<string, unknown>[];
  label?: string;
}) {
  return <Button filename={filename} label={label} disabled={rows.length === 0} make={() => objectsToCsv(rows)} />;
}

/** CSV text prepared on the server. */
export function CsvTextDownload({ filename, csv, label = "Download CSV" }: { filename: string; csv: string; label?: string }) {
  return <Button filename={filename} label={label} disabled={false} make={() => csv} />;
}
