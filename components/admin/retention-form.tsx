"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";
import { plural } from "@/lib/format";

/** Asked before retention is cut (fewer months than now, or a limit where there was none): events disappear at once. */
export function retentionCutQuestion(current: number | null, next: number | null): string | undefined {
  if (next === null || (current !== null && next >= current)) return undefined;
  return `Keep raw events for ${plural(next, "month")} only (the current month and the ${plural(next, "month")} before it)? Older raw events disappear from the Events list and its CSV at once, and their storage is freed; totals and reports keep them.`;
}

type Props = {
  months: number | null;
  keptFrom: string | null;
  dropped: { month: string; dropped_at: string }[];
};

export function RetentionForm({ months, keptFrom, dropped }: Props) {
  const { busy, error, notice, run } = useApiAction();
  const [forever, setForever] = useState(months === null);

  const onSave = onFormSubmit((f) => {
    const next = forever ? null : Number(f.get("months"));
    return run(() => apiFetch("/api/v1/admin/retention", { method: "PUT", json: { raw_event_retention_months: next } }), {
      hint: "Enter a whole number of months from 1 to 120, or keep raw events forever.",
      confirm: retentionCutQuestion(months, next),
      ok: next === null ? "Saved: raw events are kept forever." : `Saved: raw events are kept ${plural(next, "month")}.`,
    });
  });

  return (
    <>
      <FormMessages error={error} ok={notice} />
      <div className="card">
        <h2>Raw events</h2>
        <p data-testid="retention-summary">
          {months === null ? (
            <>
              Raw events are kept <strong>forever</strong>.
            </>
          ) : (
            <>
              Raw events are kept <strong>{plural(months, "month")}</strong>: from <strong>{keptFrom}</strong> on (the current month and the{" "}
              {plural(months, "month")} before it).
            </>
          )}
        </p>
        <form onSubmit={onSave} className="form-row" aria-label="Raw-event retention">
          <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600, fontSize: 12, marginBottom: 4 }}>Keep raw events</legend>
            <label style={{ display: "inline-flex", gap: 4, marginRight: 12, fontWeight: 400, fontSize: 14 }}>
              <input type="radio" name="mode" checked={forever} onChange={() => setForever(true)} /> forever
            </label>
            <label style={{ display: "inline-flex", gap: 4, fontWeight: 400, fontSize: 14 }}>
              <input type="radio" name="mode" checked={!forever} onChange={() => setForever(false)} /> for
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="r-months">Months</label>
            <input
              id="r-months"
              name="months"
              type="number"
              min={1}
              max={120}
              step={1}
              defaultValue={months ?? 13}
              disabled={forever}
              required={!forever}
              style={{ width: 90 }}
            />
          </div>
          <SubmitButton busy={busy}>Save</SubmitButton>
        </form>
        <p className="muted">
          Events past retention disappear from the Events list and its CSV at once; totals, dashboards, chargeback and the board report keep
          them (they read rollups, kept forever). Storage is freed month by month: a month is dropped as a whole (
          <code>npm run cli -- retention run</code>, also daily in the server) once every organisation with events in it is past its
          retention. Events dated in a dropped month are refused at ingestion.
        </p>
      </div>
      {dropped.length > 0 && (
        <div className="card">
          <h2>Months dropped</h2>
          <p className="muted" data-testid="dropped-months">
            {dropped.map((d) => `${d.month} (on ${d.dropped_at.slice(0, 10)})`).join(", ")}: raw events of these months are gone and events
            dated in them are refused; their rollups remain.
          </p>
        </div>
      )}
    </>
  );
}
