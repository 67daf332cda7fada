"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/api/query-keys";
import type { Evidence } from "@/lib/assessment/evidence-rules";
import { GROUPS, ITEMS, type ItemId } from "@/lib/assessment/items";
import { LEVELS, levelFor, scoreAnswers, type Answers } from "@/lib/assessment/score";

type Notes = Partial<Record<ItemId, { note?: string; link?: string }>>;
type Props = {
  /** null = the whole organisation */
  team: string | null;
  teamParam: string;
  initialAnswers: Answers;
  initialNotes: Notes;
  draftSavedAt: string | null;
};

/**
 * The thirteen questions, grouped, with Spendline's evidence and suggested answer beside each.
 * Suggestions are never applied without a click, and nothing is submitted automatically.
 */
export function Questionnaire({ team, teamParam, initialAnswers, initialNotes, draftSavedAt }: Props) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [notes, setNotes] = useState<Notes>(initialNotes);
  const [busy, setBusy] = useState<null | "draft" | "submit">(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(draftSavedAt ? "Your saved draft is loaded." : null);

  const evidence = useQuery({
    queryKey: queryKeys.resource("assessment-evidence", { team: team ?? undefined }),
    queryFn: () =>
      apiFetch<{ asOf: string; evidence: Evidence[] }>(
        `/api/v1/assessments/evidence${team === null ? "" : `?team=${encodeURIComponent(team)}`}`,
      ),
  });
  const byItem = new Map((evidence.data?.evidence ?? []).map((e) => [e.item, e]));

  const answered = ITEMS.filter((i) => answers[i.id] !== undefined).length;
  const score = scoreAnswers(answers);
  const unanswered = ITEMS.filter((i) => answers[i.id] === undefined);

  function set(id: ItemId, v: boolean) {
    setAnswers((a) => ({ ...a, [id]: v }));
  }
  function setNote(id: ItemId, key: "note" | "link", v: string) {
    setNotes((n) => ({ ...n, [id]: { ...n[id], [key]: v } }));
  }
  function cleanNotes(): Notes {
    const out: Notes = {};
    for (const [id, n] of Object.entries(notes) as [ItemId, { note?: string; link?: string }][]) {
      const note = n.note?.trim();
      const link = n.link?.trim();
      if (note || link) out[id] = { ...(note ? { note } : {}), ...(link ? { link } : {}) };
    }
    return out;
  }
  function useSuggestions() {
    setAnswers((a) => {
      const next = { ...a };
      for (const e of byItem.values()) if (e.suggested !== null && next[e.item] === undefined) next[e.item] = e.suggested;
      return next;
    });
    setNotice("Suggestions filled in for unanswered items that Spendline can check. Review them, then submit.");
  }

  async function saveDraft() {
    setBusy("draft");
    setError(null);
    try {
      await apiFetch("/api/v1/assessments/drafts", { method: "PUT", json: { team, answers, notes: cleanNotes() } });
      setNotice("Draft saved. Only you see it until you submit.");
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (unanswered.length) {
      setError(
        `Answer every item before submitting (${unanswered.length} left, first: “${unanswered[0].question}”). Save a draft to finish later.`,
      );
      document.getElementById(`q-${unanswered[0].id}`)?.focus();
      return;
    }
    setBusy("submit");
    setError(null);
    try {
      const res = await apiFetch<{ id: string }>("/api/v1/assessments", { method: "POST", json: { team, answers, notes: cleanNotes() } });
      router.push(`/assessment?team=${encodeURIComponent(teamParam)}&view=${res.id}#result`);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
      setBusy(null);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Readiness questionnaire">
      <div className="card" style={{ display: "flex", gap: 16, alignItems: "center", flexWrap: "wrap" }}>
        <div>
          <strong>{answered} of 13 answered</strong> · provisional score {score} ({LEVELS[levelFor(score)].label})
        </div>
        <div className="progress" style={{ flex: "1 1 200px" }} aria-hidden>
          <div style={{ width: `${(answered / 13) * 100}%` }} />
        </div>
        <button type="button" className="btn" onClick={useSuggestions} disabled={!evidence.data}>
          Fill unanswered with suggestions
        </button>
      </div>
      {evidence.isError && (
        <div role="alert" className="alert alert-error">
          Could not load the evidence ({(evidence.error as Error).message}). You can still answer; reload the page to retry.
        </div>
      )}
      {GROUPS.map((g) => (
        <section key={g.id} className="card" aria-labelledby={`g-${g.id}`}>
          <h2 id={`g-${g.id}`}>
            {g.label}{" "}
            <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>
              — {g.note}
            </span>
          </h2>
          {ITEMS.filter((i) => i.group === g.id).map((item) => {
            const ev = byItem.get(item.id);
            const v = answers[item.id];
            return (
              <fieldset key={item.id} className="q-item" aria-describedby={`why-${item.id}`}>
                <legend>{item.question}</legend>
                <p id={`why-${item.id}`} className="muted q-why">
                  {item.why}
                </p>
                <div className="q-row">
                  <div className="q-choices">
                    <label className="q-choice">
                      <input id={`q-${item.id}`} type="radio" name={item.id} checked={v === true} onChange={() => set(item.id, true)} /> Yes
                    </label>
                    <label className="q-choice">
                      <input type="radio" name={item.id} checked={v === false} onChange={() => set(item.id, false)} /> No
                    </label>
                  </div>
                  <div className="q-evidence" aria-live="polite">
                    {evidence.isPending ? (
                      <div className="skeleton" style={{ height: 18, width: "70%" }} />
                    ) : ev ? (
                      <>
                        <span className="muted">Your data: </span>
                        {ev.summary}{" "}
                        {ev.suggested !== null && (
                          <>
                            <span className={`badge ${ev.suggested ? "badge-good" : "badge-warn"}`}>
                              Suggests {ev.suggested ? "yes" : "no"}
                            </span>{" "}
                            {v !== ev.suggested && (
                              <button type="button" className="btn btn-link" onClick={() => set(item.id, ev.suggested!)}>
                                Use suggestion
                              </button>
                            )}
                          </>
                        )}
                        {ev.rows && ev.rows.length > 0 && (
                          <details>
                            <summary>Details ({ev.rows.length})</summary>
                            <table className="table" style={{ maxWidth: 520 }}>
                              <tbody>
                                {ev.rows.map((r) => (
                                  <tr key={r.label}>
                                    <td>{r.label}</td>
                                    <td>{r.value}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </details>
                        )}
                      </>
                    ) : null}
                  </div>
                </div>
                <details className="q-note" open={!!(notes[item.id]?.note || notes[item.id]?.link)}>
                  <summary>Note or link</summary>
                  <div className="form-row">
                    <div className="field" style={{ flex: "2 1 280px" }}>
                      <label htmlFor={`n-${item.id}`}>Note</label>
                      <input
                        id={`n-${item.id}`}
                        style={{ width: "100%" }}
                        value={notes[item.id]?.note ?? ""}
                        onChange={(e) => setNote(item.id, "note", e.target.value)}
                        maxLength={2000}
                      />
                    </div>
                    <div className="field" style={{ flex: "1 1 220px" }}>
                      <label htmlFor={`l-${item.id}`}>Link</label>
                      <input
                        id={`l-${item.id}`}
                        type="url"
                        placeholder="https://"
                        style={{ width: "100%" }}
                        value={notes[item.id]?.link ?? ""}
                        onChange={(e) => setNote(item.id, "link", e.target.value)}
                      />
                    </div>
                  </div>
                </details>
              </fieldset>
            );
          })}
        </section>
      ))}
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {notice && !error && (
        <div role="status" className="alert alert-info">
          {notice}
        </div>
      )}
      <div className="form-row" style={{ position: "sticky", bottom: 0, background: "var(--bg)", padding: "10px 0" }}>
        <button type="button" className="btn" onClick={saveDraft} disabled={busy !== null}>
          {busy === "draft" ? "Saving…" : "Save draft"}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy === "submit" ? "Submitting…" : "Submit assessment"}
        </button>
        <span className="muted">
          Submitting records score {score} for {team ?? "the whole organisation"}; earlier assessments stay in the history.
        </span>
      </div>
    </form>
  );
}
