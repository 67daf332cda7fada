import type { AssessmentView } from "@/lib/assessment/manage-assessments";
import { LEVELS, nextSteps } from "@/lib/assessment/score";
import { LevelBadge } from "./level-badge";

/** Score, level, what it means, and the next steps for the gaps, per group in the level's priority order. */
export function AssessmentResult({ a }: { a: AssessmentView }) {
  const r = nextSteps(a.answers);
  const lv = LEVELS[r.level];
  return (
    <section id="result" className="card" aria-labelledby="result-h">
      <h2 id="result-h">
        Result for {a.team ?? "the whole organisation"} · {a.submitted_at?.slice(0, 10)}
      </h2>
      <div className="result-head">
        <div className="result-score" aria-label={`Score ${r.score} of 13`}>
          {r.score}
          <span className="muted" style={{ fontSize: 18 }}>
            {" "}
            / 13
          </span>
        </div>
        <div>
          <div>
            Level: <LevelBadge level={r.level} /> <span className="muted">({lv.range} yes)</span>
          </div>
          <div>{lv.meaning}</div>
          <div>
            <strong>{lv.focus}</strong>
          </div>
        </div>
      </div>
      <div className="grid grid-2" style={{ marginTop: 14 }}>
        {r.groups.map((g) => (
          <div key={g.group}>
            <h3>
              {g.label}{" "}
              <span className="muted">
                {g.yes} / {g.total}
              </span>
            </h3>
            {g.gaps.length === 0 ? (
              <p className="muted">No gaps in this group.</p>
            ) : (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {g.gaps.map((i) => (
                  <li key={i.id} style={{ marginBottom: 6 }}>
                    <strong>{i.question}</strong>
                    <br />
                    {i.nextStep}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
