import type { ShiftFinding } from "@/lib/coding-agents/shift-detector";

const fmt = (v: number | string | null, unit: string) => {
  if (v === null) return "—";
  if (typeof v === "string") return v;
  if (unit === "ratio") return `${(v * 100).toFixed(1)} %`;
  if (unit === "usd") return `$${v.toFixed(v < 10 ? 4 : 2)}`;
  return v.toLocaleString("en-US", { maximumFractionDigits: 1 });
};

/** The shift detector's verdicts with their figures (fired first). */
export function ShiftFindings({ findings }: { findings: ShiftFinding[] }) {
  const sorted = [...findings].sort((a, b) => Number(b.fired) - Number(a.fired));
  return (
    <section className="card" aria-labelledby="ca-shifts">
      <h2 id="ca-shifts">Shift detector</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Volume-driven growth (cost up fast while the unit cost stays flat) and cost moving between budget owners, judged on whole weeks so
        that a weekly rhythm is not a trend.
      </p>
      {sorted.map((f) => (
        <details key={`${f.detector}|${f.subject}`} open={f.fired} style={{ marginBottom: 8 }}>
          <summary>
            <span className={`badge ${f.fired ? (f.severity === "critical" ? "badge-bad" : "badge-warn") : "badge-good"}`}>
              {f.fired ? f.severity : "clear"}
            </span>{" "}
            <strong>{f.subject}</strong> — {f.signal}
          </summary>
          <dl
            className="evidence"
            style={{
              display: "grid",
              gridTemplateColumns: "minmax(0,max-content) minmax(0,1fr)",
              gap: "2px 12px",
              fontSize: 13,
              margin: "6px 0 0 0",
            }}
          >
            {Object.entries(f.evidence).map(([k, v]) => (
              <div key={k} style={{ display: "contents" }}>
                <dt className="muted">{k.replaceAll("_", " ")}</dt>
                <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{fmt(v, f.evidence_units[k])}</dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
    </section>
  );
}
