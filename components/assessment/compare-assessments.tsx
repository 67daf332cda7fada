import type { AssessmentView } from "@/lib/assessment/manage-assessments";
import { GROUPS, ITEMS } from "@/lib/assessment/items";
import { LevelBadge } from "./level-badge";

function Ans({ v }: { v: boolean | undefined }) {
  if (v === undefined) return <span className="muted">—</span>;
  return v ? <span className="yes">Yes</span> : <span className="no">No</span>;
}

/** Two assessments side by side, item by item; changed answers are marked. */
export function CompareAssessments({ a, b }: { a: AssessmentView; b: AssessmentView }) {
  const title = (x: AssessmentView) => `${x.team ?? "Organisation"} · ${x.submitted_at?.slice(0, 10)}`;
  return (
    <section className="card" aria-labelledby="cmp-h">
      <h2 id="cmp-h">Comparison</h2>
      <div className="table-wrap" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th>Item</th>
              <th>{title(a)}</th>
              <th>{title(b)}</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <strong>Score and level</strong>
              </td>
              <td>
                {a.score} / 13 {a.level && <LevelBadge level={a.level} />}
              </td>
              <td>
                {b.score} / 13 {b.level && <LevelBadge level={b.level} />}
              </td>
              <td className="num">
                {(b.score ?? 0) - (a.score ?? 0) > 0 ? "+" : ""}
                {(b.score ?? 0) - (a.score ?? 0)}
              </td>
            </tr>
            {GROUPS.map((g) => [
              <tr key={g.id}>
                <td colSpan={4} className="muted" style={{ fontWeight: 600, background: "#fafbfc" }}>
                  {g.label}
                </td>
              </tr>,
              ...ITEMS.filter((i) => i.group === g.id).map((i) => {
                const changed = a.answers[i.id] !== b.answers[i.id];
                return (
                  <tr key={i.id}>
                    <td>{i.question}</td>
                    <td>
                      <Ans v={a.answers[i.id]} />
                    </td>
                    <td>
                      <Ans v={b.answers[i.id]} />
                    </td>
                    <td>{changed ? <span className="badge badge-warn">changed</span> : ""}</td>
                  </tr>
                );
              }),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
