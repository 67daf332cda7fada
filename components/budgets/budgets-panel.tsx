"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options, Suggestions } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, optionalText, text } from "../forms/form-values";
import { pct, usd } from "@/lib/format";
import type { BudgetStatus } from "@/lib/budgets/budget-status";
import {
  amountText,
  limitLabel,
  SCOPE_OPTIONS,
  scopeRefLabel,
  scopeText,
  UNIT_OPTIONS,
  WINDOW_OPTIONS,
  windowLabel,
} from "@/lib/budgets/budget-labels";

/** What POST/PUT /api/v1/budgets answers that the success message uses. */
type Saved = { used: number; thresholds_reached: number[]; limit: string; spent: string; unit: string; window: string; mode: string };

/** A budget row with whether this person may change it (the server decides the same: lib/budgets/budget-scope.ts). */
export type BudgetRowView = BudgetStatus & { may_edit: boolean };

type Draft = {
  id: string | null;
  scope: string;
  scopeRef: string;
  unit: string;
  window: string;
  limit: string;
  mode: string;
  thresholds: string;
  fallback: string;
};

export function BudgetsPanel({
  budgets,
  canManage,
  leadTeam,
  teams,
  features,
  models,
}: {
  budgets: BudgetRowView[];
  canManage: boolean;
  /** an engineering lead's team: the form offers their team and its features only */
  leadTeam: string | null;
  teams: string[];
  features: string[];
  models: string[];
}) {
  const { busy, error, notice, run } = useApiAction({ hint: "Nothing was changed." });
  const blank: Draft = {
    id: null,
    scope: leadTeam ? "team" : "feature",
    scopeRef: leadTeam ?? "",
    unit: "usd",
    window: "month",
    limit: "",
    mode: "soft",
    thresholds: "50,80,100",
    fallback: "",
  };
  const [d, setD] = useState<Draft>(blank);
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setD({ ...d, [k]: e.target.value });
  const scopes = leadTeam ? SCOPE_OPTIONS.filter(([s]) => s === "team" || s === "feature") : SCOPE_OPTIONS;
  const suggestions: Record<string, string[]> = {
    team: leadTeam ? [leadTeam] : teams,
    feature: features,
    model: models,
    environment: ["prod", "staging", "dev"],
  };
  const rolling = d.window !== "month";

  const edit = (b: BudgetRowView) => {
    setD({
      id: b.id,
      scope: b.scope,
      scopeRef: b.scope_ref,
      unit: b.unit,
      window: b.window,
      limit: b.unit === "usd" ? String(Number(b.limit)) : b.limit,
      mode: b.mode,
      thresholds: b.thresholds.join(","),
      fallback: b.fallback_model ?? "",
    });
    document.getElementById("set-budget")?.scrollIntoView({ block: "start" });
  };

  const onSave = onFormSubmit(async (f) => {
    const thresholds = d.thresholds
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    const ref = d.scope === "org" ? "" : text(f, "scope_ref");
    const known = d.scope === "team" ? teams : d.scope === "feature" ? features : null;
    let confirmUnknown = false;
    if (known && !known.includes(ref)) {
      // a typo would never alert: say so, and save only when it is meant
      if (
        !confirm(
          `“${ref}” is not a known ${d.scope} (known: ${known.join(", ") || "none yet"}). A budget for it alerts only once events with that ${d.scope} arrive. Save anyway?`,
        )
      )
        return;
      confirmUnknown = true;
    }
    const saved = await run(
      () =>
        apiFetch<Saved>(d.id ? `/api/v1/budgets/${d.id}` : "/api/v1/budgets", {
          method: d.id ? "PUT" : "POST",
          json: {
            scope: d.scope,
            scope_ref: ref,
            unit: d.unit,
            window: d.window,
            ...(confirmUnknown ? { confirm_unknown: true } : {}),
            limit: text(f, "limit"),
            mode: d.mode,
            thresholds,
            // a rate limit waits (429), it never falls back to another model
            fallback_model: rolling ? null : optionalText(f, "fallback"),
          },
        }),
      {
        ok: (b) => {
          const reached = b.thresholds_reached.length
            ? ` Already past ${b.thresholds_reached[b.thresholds_reached.length - 1]} %: an alert was raised.`
            : "";
          const per = b.window === "month" ? "a month" : `per ${windowLabel(b.window)}`;
          const now = b.window === "month" ? "this month" : `in the ${windowLabel(b.window)}`;
          return `Saved the ${b.mode} budget for ${scopeText(d.scope, ref)}: ${amountText(b.unit, b.limit)} ${per}, ${amountText(b.unit, b.spent)} (${pct(b.used, 0)}) used ${now}.${reached}`;
        },
      },
    );
    if (saved) setD(blank);
  });

  const columns: Column<BudgetRowView>[] = [
    {
      key: "scope",
      label: "Scope",
      value: (b) => (b.scope === "org" ? "organisation" : `${b.scope}: ${b.scope_ref}`),
      render: (b) =>
        b.scope === "org" ? (
          <strong>Organisation</strong>
        ) : (
          <>
            {b.scope === "api_key" ? "API key" : b.scope} <strong>{b.scope_ref}</strong>
          </>
        ),
    },
    {
      key: "window",
      label: "Window",
      value: (b) => b.window,
      render: (b) => (b.window === "month" ? "month" : `rolling ${b.window.replace("h", " h").replace("d", " d")}`),
    },
    {
      key: "mode",
      label: "Mode",
      value: (b) => b.mode,
      render: (b) => (
        <span className={`badge ${b.mode === "hard" ? "badge-bad" : ""}`}>
          {b.mode === "hard" && b.window !== "month" ? "rate limit" : b.mode}
        </span>
      ),
    },
    { key: "limit", label: "Limit", numeric: true, value: (b) => b.limit, render: (b) => amountText(b.unit, b.limit) },
    { key: "spent", label: "Used in window", numeric: true, value: (b) => b.spent, render: (b) => amountText(b.unit, b.spent) },
    {
      key: "used",
      label: "Used",
      value: (b) => b.used,
      render: (b) => (
        <div style={{ minWidth: 100 }}>
          <div
            className="progress"
            role="progressbar"
            aria-label={`${b.scope} ${b.scope_ref} budget used`}
            aria-valuenow={Math.round(b.used * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div
              style={{
                width: `${Math.min(b.used, 1) * 100}%`,
                background: b.used >= 1 ? "var(--bad)" : b.used >= 0.8 ? "var(--warn)" : undefined,
              }}
            />
          </div>
          <span className="muted" style={{ fontSize: 12 }}>
            {pct(b.used, 0)}
          </span>
        </div>
      ),
    },
    {
      key: "forecast_usd",
      label: "Month-end forecast",
      numeric: true,
      // only calendar USD budgets have one; the others show what their window used
      value: (b) => (b.unit === "usd" && b.window === "month" ? b.forecast_usd : ""),
      render: (b) =>
        b.unit === "usd" && b.window === "month" ? (
          <span className={b.forecast_used > 1 ? "badge badge-bad" : b.forecast_used > 0.8 ? "badge badge-warn" : undefined}>
            {usd(b.forecast_usd)} ({pct(b.forecast_used, 0)})
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { key: "thresholds", label: "Alerts at", value: (b) => b.thresholds.join("/"), render: (b) => `${b.thresholds.join("/")} %` },
    {
      key: "fallback_model",
      label: "Fallback model",
      value: (b) => b.fallback_model ?? "",
      render: (b) =>
        b.window !== "month" ? <span className="muted">waits (429)</span> : (b.fallback_model ?? <span className="muted">policy</span>),
    },
    ...(canManage
      ? [
          actionsColumn(
            (b: BudgetRowView) =>
              b.may_edit ? (
                <span style={{ display: "inline-flex", gap: 6 }}>
                  <button className="btn" disabled={busy} aria-label={`Edit budget ${b.scope} ${b.scope_ref}`} onClick={() => edit(b)}>
                    Edit
                  </button>
                  <button
                    className="btn btn-danger"
                    disabled={busy}
                    aria-label={`Delete budget ${b.scope} ${b.scope_ref}`}
                    onClick={() => run(() => apiFetch(`/api/v1/budgets/${b.id}`, { method: "DELETE" }), { confirm: "Delete this budget?" })}
                  >
                    Delete
                  </button>
                </span>
              ) : (
                <span
                  className="muted"
                  title="An engineering lead changes their own team's budgets only; finance or an admin changes this one."
                >
                  set by finance
                </span>
              ),
            { emptyCsvColumn: true },
          ),
        ]
      : []),
  ];

  return (
    <>
      <FormMessages error={error} ok={notice} />
      <DataTable
        title="Budgets and rate limits"
        filename="budgets.csv"
        columns={columns}
        // the unit is in each figure on screen ("$150.00", "40 requests"); the CSV gets it as a column of its own
        csvColumns={[
          ...columns.filter((c) => c.csv !== false && c.key !== "actions"),
          { key: "unit", label: "Unit", value: (b: BudgetRowView) => b.unit },
        ]}
        rows={budgets}
        rowKey={(b) => b.id}
        empty={
          canManage
            ? "No budgets yet. Add one below: a soft budget alerts at its thresholds; a hard one makes the guardrail API downgrade or block at the limit, and a hard rolling one is a rate limit (429 with Retry-After)."
            : "No budgets yet. Finance or an admin sets them here."
        }
      />
      {canManage && (
        <section className="card" aria-label="Set a budget" id="set-budget">
          <h2>{d.id ? "Change the budget" : "Set a budget"}</h2>
          {leadTeam && (
            <p className="muted">
              As an engineering lead you set budgets for team {leadTeam} and its features; finance or an admin sets the others.
            </p>
          )}
          <form onSubmit={onSave} className="form-row">
            <div className="field">
              <label htmlFor="b-scope">Scope</label>
              <select id="b-scope" value={d.scope} onChange={set("scope")}>
                <Options items={scopes} />
              </select>
            </div>
            {d.scope !== "org" && (
              <div className="field">
                <label htmlFor="b-ref">{scopeRefLabel(d.scope)}</label>
                <input id="b-ref" name="scope_ref" required value={d.scopeRef} onChange={set("scopeRef")} list="b-refs" maxLength={200} />
                <Suggestions id="b-refs" values={suggestions[d.scope] ?? []} />
              </div>
            )}
            <div className="field">
              <label htmlFor="b-unit">Unit</label>
              <select id="b-unit" value={d.unit} onChange={set("unit")}>
                <Options items={UNIT_OPTIONS} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-window">Window</label>
              <select id="b-window" value={d.window} onChange={set("window")}>
                <Options items={WINDOW_OPTIONS} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-limit">{limitLabel(d.unit, d.window)}</label>
              <input
                id="b-limit"
                name="limit"
                required
                value={d.limit}
                onChange={set("limit")}
                inputMode={d.unit === "usd" ? "decimal" : "numeric"}
                pattern={d.unit === "usd" ? String.raw`\d+(\.\d{1,12})?` : String.raw`\d+`}
                title={d.unit === "usd" ? "An amount in USD, e.g. 500 or 12.50" : `A whole number of ${d.unit}, e.g. 1000`}
                placeholder={d.unit === "usd" ? "500" : "1000"}
              />
            </div>
            <div className="field">
              <label htmlFor="b-mode">Mode</label>
              <select id="b-mode" value={d.mode} onChange={set("mode")}>
                <Options
                  items={[
                    ["soft", "soft (alert)"],
                    ["hard", rolling ? "hard (rate limit)" : "hard (guardrail)"],
                  ]}
                />
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-thr">Thresholds (%)</label>
              <input id="b-thr" value={d.thresholds} onChange={set("thresholds")} size={10} />
            </div>
            {!rolling && (
              <div className="field">
                <label htmlFor="b-fb">Fallback model (hard)</label>
                <input id="b-fb" name="fallback" value={d.fallback} onChange={set("fallback")} placeholder="gpt-4o-mini" />
              </div>
            )}
            <SubmitButton busy={busy}>{d.id ? "Save changes" : "Save budget"}</SubmitButton>
            {d.id && (
              <button type="button" className="btn" onClick={() => setD(blank)}>
                Cancel
              </button>
            )}
          </form>
        </section>
      )}
    </>
  );
}
