"use client";
import { useEffect, useRef, useState } from "react";
import { ProgressBar } from "../ui/progress-bar";

type State =
  | { phase: "idle" }
  | { phase: "rendering"; started: number }
  | { phase: "done"; ms: number; bytes: number; serverMs: string | null }
  | { phase: "error"; message: string };

/**
 * Asks the server for the PDF and downloads it. While Chromium renders, a progress bar shows
 * the elapsed time against the usual render time (an estimate: the server sends no progress).
 */
export function ExportButton({ month, paper }: { month: string; paper: string }) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const [now, setNow] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearInterval(timer.current);
    },
    [],
  );

  async function run() {
    const started = Date.now();
    setState({ phase: "rendering", started });
    setNow(started);
    timer.current = setInterval(() => setNow(Date.now()), 200);
    try {
      const res = await fetch(`/api/v1/reports/board?${new URLSearchParams({ month, paper })}`);
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        throw new Error(
          body?.error?.message ?? `The export failed (${res.status}). Try again; if it persists, ask an admin to check the server log.`,
        );
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `board-report-${month}-${paper}.pdf`;
      a.click();
      URL.revokeObjectURL(url);
      setState({ phase: "done", ms: Date.now() - started, bytes: blob.size, serverMs: res.headers.get("x-render-ms") });
    } catch (e) {
      setState({ phase: "error", message: (e as Error).message });
    } finally {
      if (timer.current) clearInterval(timer.current);
    }
  }

  const rendering = state.phase === "rendering";
  const elapsed = rendering ? (now - state.started) / 1000 : 0;
  // asymptotic estimate against a ~5 s render: never reaches 100 % before the file arrives
  const pctDone = rendering ? Math.round(95 * (1 - Math.exp(-elapsed / 3))) : 0;
  return (
    <div>
      <button type="button" className="btn btn-primary" onClick={run} disabled={rendering}>
        {rendering ? "Rendering PDF…" : "Export PDF"}
      </button>
      {rendering && (
        <div style={{ marginTop: 10, maxWidth: 420 }}>
          <ProgressBar label="Rendering the PDF" percent={pctDone} />
          <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
            Headless Chromium is rendering the report… {elapsed.toFixed(1)} s
          </div>
        </div>
      )}
      {state.phase === "done" && (
        <div role="status" className="alert alert-ok" style={{ marginTop: 10 }}>
          Downloaded board-report-{month}-{paper}.pdf ({Math.round(state.bytes / 1024)} KB) in {(state.ms / 1000).toFixed(1)} s
          {state.serverMs ? ` (render ${(Number(state.serverMs) / 1000).toFixed(1)} s)` : ""}.
        </div>
      )}
      {state.phase === "error" && (
        <div role="alert" className="alert alert-error" style={{ marginTop: 10 }}>
          {state.message}
        </div>
      )}
    </div>
  );
}
