"use client";
import Papa from "papaparse";

/** A CSV of exactly the rows a table shows (money as the API's 6-decimal strings). */
export type CsvColumn<T> = { key: string; label: string; value: (row: T) => string | number | boolean | null | undefined };

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  return Papa.unparse({ fields: columns.map((c) => c.label), data: rows.map((r) => columns.map((c) => c.value(r) ?? "")) });
}

export function CsvDownload<T>({ filename, columns, rows, label = "Download CSV" }: { filename: string; columns: CsvColumn<T>[]; rows: T[]; label?: string }) {
  function download() {
    const blob = new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <button type="button" className="btn no-print" onClick={download} disabled={rows.length === 0} aria-label={`${label}: ${filename}`}>
      ⬇ {label}
    </button>
  );
}
