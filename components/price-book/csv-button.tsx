"use client";

/** Downloads the rows of a table as CSV (built in the browser from the same data the table shows). */
export function CsvButton({ filename, rows, label = "Download CSV" }: { filename: string; rows: Record<string, unknown>[]; label?: string }) {
  function go() {
    const cols = rows[0] ? Object.keys(rows[0]) : [];
    const esc = (v: unknown) => {
      const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const text = [cols.join(","), ...rows.map((r) => cols.map((c) => esc(r[c])).join(","))].join("\r\n") + "\r\n";
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button type="button" className="btn" onClick={go} disabled={rows.length === 0}>
      {label}
    </button>
  );
}
