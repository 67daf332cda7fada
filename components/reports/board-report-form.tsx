"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ExportButton } from "./export-button";

/**
 * Month and paper for the board report. What is selected is what is exported and previewed —
 * no separate "Choose" step; the choice is kept in the URL (?month=&paper=) for reload and links.
 */
export function BoardReportForm({
  months,
  initialMonth,
  initialPaper,
}: {
  months: { value: string; label: string }[];
  initialMonth: string;
  initialPaper: string;
}) {
  const router = useRouter();
  const [month, setMonth] = useState(initialMonth);
  const [paper, setPaper] = useState(initialPaper);
  const current = month === months[0]?.value;
  const label = months.find((m) => m.value === month)?.label.replace(" (month to date)", "") ?? month;

  function choose(next: { month?: string; paper?: string }) {
    const m = next.month ?? month,
      p = next.paper ?? paper;
    setMonth(m);
    setPaper(p);
    router.replace(`/reports?${new URLSearchParams({ month: m, paper: p })}`, { scroll: false });
  }

  return (
    <>
      <form className="filters" method="get" action="/reports" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="r-month">Month</label>
          <select id="r-month" name="month" value={month} onChange={(e) => choose({ month: e.target.value })}>
            {months.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-paper">Paper</label>
          <select id="r-paper" name="paper" value={paper} onChange={(e) => choose({ paper: e.target.value })}>
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </div>
      </form>
      <div className="card">
        <h2>
          {label} · {paper === "a4" ? "A4" : "US Letter"}
        </h2>
        <p className="muted" style={{ marginTop: 0 }}>
          {current
            ? "This month is not over: the report shows month-to-date figures and a month-end forecast."
            : "A complete month. If its chargeback is closed, the report uses the frozen figures, so re-exporting gives the same numbers."}{" "}
          The report states its data cut-off time.
        </p>
        <div className="form-row" style={{ alignItems: "flex-start" }}>
          <ExportButton month={month} paper={paper} />
          <a className="btn" href={`/reports/board?month=${month}`} target="_blank" rel="noreferrer">
            Preview in the browser
          </a>
        </div>
      </div>
    </>
  );
}
