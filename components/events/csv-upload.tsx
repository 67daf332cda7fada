"use client";
import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { downloadText } from "../ui/csv-download";
import { ProgressBar } from "../ui/progress-bar";
import { csvFromTable } from "@/lib/csv/to-csv";

type Rejected = { row: number; id: string | null; errors: string[] };
type Result = { accepted: number; duplicates: number; rejected: Rejected[]; total: number };

const CHUNK = 500;
const TEMPLATE =
  "id,timestamp,feature,team,environment,tenant.id,tenant.tier,session_id,provider,model,usage.input_tokens,usage.output_tokens,usage.cached_input_tokens,cost_usd,outcome,correct\r\n" +
  "evt-1,2026-01-15T10:00:00Z,chatbot_v2,support,prod,acme,pro,s-1,openai,gpt-4o-2024-08-06,1200,300,200,,success,true\r\n";

/** Parses the CSV in the browser and posts it in chunks of 500 rows; valid rows are stored, the rest reported per row. */
export function CsvUpload() {
  const router = useRouter();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onFile(file: File) {
    setError(null);
    setResult(null);
    const parsed = await new Promise<Papa.ParseResult<Record<string, string>>>((resolve) =>
      Papa.parse<Record<string, string>>(file, { header: true, skipEmptyLines: "greedy", complete: resolve }),
    );
    const rows = parsed.data;
    if (rows.length === 0) {
      setError("The file has no data rows. The first line must name the columns (download the template below).");
      return;
    }
    if (!parsed.meta.fields?.includes("id")) {
      setError(`No "id" column found (columns: ${parsed.meta.fields?.join(", ") || "none"}). Use the template's header line.`);
      return;
    }
    const out: Result = { accepted: 0, duplicates: 0, rejected: [], total: rows.length };
    setProgress({ done: 0, total: rows.length });
    try {
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        const r = await apiFetch<{
          accepted: number;
          duplicates: number;
          rejected: { index: number; id: string | null; errors: string[] }[];
        }>("/api/v1/events/upload", { method: "POST", json: { rows: chunk } });
        out.accepted += r.accepted;
        out.duplicates += r.duplicates;
        // +2: the header is line 1 and rows count from 1
        for (const x of r.rejected) out.rejected.push({ row: start + x.index + 2, id: x.id, errors: x.errors });
        setProgress({ done: Math.min(start + CHUNK, rows.length), total: rows.length });
      }
    } catch (e) {
      setError(
        `Upload stopped: ${(e as Error).message}. Rows before that point were stored; uploading the same file again is safe (duplicates count once).`,
      );
    }
    setResult(out);
    router.refresh();
  }

  const pct = progress ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <section className="card" aria-labelledby="csv-upload-title">
      <h2 id="csv-upload-title">Upload a CSV</h2>
      <p className="muted">
        Same columns as the API, dotted names flattened (<code>usage.input_tokens</code>, <code>tenant.id</code>, …). Valid rows are stored;
        invalid rows are listed with the reason. Re-uploading is safe: an id already stored counts as a duplicate.{" "}
        <button type="button" className="btn" onClick={() => downloadText("spendline-events-template.csv", TEMPLATE)}>
          Download template
        </button>
      </p>
      <div className="field">
        <label htmlFor="csv-file">CSV file</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onFile(f);
            e.target.value = "";
          }}
        />
      </div>
      {progress && (
        <div aria-label="Upload progress">
          <ProgressBar label="Upload progress" percent={pct} />
          <p className="muted">
            {progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} rows sent ({pct}%)
          </p>
        </div>
      )}
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {result && (
        <div role="status" className={`alert ${result.rejected.length ? "alert-info" : "alert-ok"}`}>
          {result.accepted.toLocaleString("en-US")} stored, {result.duplicates.toLocaleString("en-US")} duplicates,{" "}
          {result.rejected.length.toLocaleString("en-US")} rejected.
          {result.rejected.length > 0 && (
            <>
              {" "}
              <button
                type="button"
                className="btn"
                onClick={() =>
                  downloadText(
                    "spendline-upload-errors.csv",
                    csvFromTable(
                      ["row", "id", "errors"],
                      result.rejected.map((r) => [r.row, r.id ?? "", r.errors.join("; ")]),
                    ),
                  )
                }
              >
                Download error report
              </button>
              <ul>
                {result.rejected.slice(0, 5).map((r) => (
                  <li key={r.row}>
                    line {r.row}
                    {r.id ? ` (${r.id})` : ""}: {r.errors.join("; ")}
                  </li>
                ))}
                {result.rejected.length > 5 && <li>… and {result.rejected.length - 5} more in the report</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
