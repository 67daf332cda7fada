"use client";

/** Downloads already-prepared CSV text as a file (no fetching). */
export function CsvButton({ filename, csv, label = "Download CSV" }: { filename: string; csv: string; label?: string }) {
  function download() {
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button type="button" className="btn" onClick={download}>
      {label}
    </button>
  );
}
