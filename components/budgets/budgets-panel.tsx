"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options, Suggestions } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, optionalText, text, usdInput } from "../forms/form-values";
import { pct, usd } from "@/lib/format";
import type { BudgetStatus } from "@/lib/budgets/manage-budgets";

/** What POST /api/v1/budgets answers that the success message uses. */
type Saved = { used: number; thresholds_reached: number[]; monthly_limit_usd: string; mode: string };

export function BudgetsPanel({
  budgets,
  canManage,
  teams,
  features,
}: {
  budgets: BudgetStatus[];
  canManage: boolean;
  teams: string[];
  features: string[];
}) {
  const { busy, error, notice, run } = useApiAction({ hint: "Nothing was changed." });
  const [scope, setScope] = useState("feature");

  const onCreate = onFormSubmit(async (f, form) => {
    const thresholds = String(f.get("thresholds") || "50,80,100")
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    const ref = scope === "org" ? "" : text(f, "scope_ref");
    const known = scope === "team" ? teams : features;
    let confirmUnknown = false;
    if (scope !== "org" && !known.includes(ref)) {
      // a typo would never alert: say so, and save only when it is meant
      if (
        !confirm(
          `“${ref}” is not a known ${scope} (known: ${known.join(", ") || "none yet"}). A budget for it alerts only once events with that ${scope} arrive. Save anyway?`,
        )
      )
        return;
      confirmUnknown = true;
    }
    const saved = await run(
      () =>
        apiFetch<Saved>("/api/v1/budgets", {
          method: "POST",
          json: {
            scope,
            scope_ref: ref,
            ...(confirmUnknown ? { confirm_unknown: true } : {}),
            monthly_limit_usd: String(f.get("limit")),
            mode: f.get("mode"),
            thresholds,
            fallback_model: optionalText(f, "fallback"),
          },
        }),
      {
        ok: (b) => {
          const reached = b.thresholds_reached.length
            ? ` Already past ${b.thresholds_reached[b.thresholds_reached.length - 1]} %: an alert was raised.`
            : "";
          return `Saved the ${b.mode} budget for ${scope === "org" ? "the organisation" : `${scope} ${ref}`}: ${usd(b.monthly_limit_usd)} a month, ${pct(b.used, 0)} used this month.${reached}`;
        },
      },
    );
    if (saved) form.reset();
  });

  const columns: Column<BudgetStatus>[] = [
    {
      key: "scope",
      label: "Scope",
      value: (b) => (b.scope === "org" ? "organisation" : `${b.scope}: ${b.scope_ref}`),
      render: (b) =>
        b.scope === "org" ? (
          <strong>Organisation</strong>
        ) : (
          <>
            {b.scope} <strong>{b.scope_ref}</strong>
          </>
        ),
    },
    {
      key: "mode",
      label: "Mode",
      value: (b) => b.mode,
      render: (b) => <span className={`badge ${b.mode === "hard" ? "badge-bad" : ""}`}>{b.mode}</span>,
    },
    {
      key: "monthly_limit_usd",
      label: "Monthly limit",
      numeric: true,
      value: (b) => b.monthly_limit_usd,
      render: (b) => usd(b.monthly_limit_usd),
    },
    { key: "spent_usd", label: "Usage cost this month", numeric: true, value: (b) => b.spent_usd, render: (b) => usd(b.spent_usd) },
    {
      key: "used",
      label: "Used",
      value: (b) => b.used,
      render: (b) => (
        <div style={{ minWidth: 120 }}>
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
      value: (b) => b.forecast_usd,
      render: (b) => (
        <span className={b.forecast_used > 1 ? "badge badge-bad" : b.forecast_used > 0.8 ? "badge badge-warn" : undefined}>
          {usd(b.forecast_usd)} ({pct(b.forecast_used, 0)})
        </span>
      ),
    },
    { key: "thresholds", label: "Alerts at", value: (b) => b.thresholds.join("/"), render: (b) => `${b.thresholds.join("/")} %` },
    {
      key: "fallback_model",
      label: "Fallback model",
      value: (b) => b.fallback_model ?? "",
      render: (b) => b.fallback_model ?? <span className="muted">policy</span>,
    },
    ...(canManage
      ? [
          actionsColumn(
            (b: BudgetStatus) => (
              <button
                className="btn btn-danger"
                disabled={busy}
                aria-label={`Delete budget ${b.scope} ${b.scope_ref}`}
                onClick={() => run(() => apiFetch(`/api/v1/budgets/${b.id}`, { method: "DELETE" }), { confirm: "Delete this budget?" })}
              >
                Delete
              </button>
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
        title="Monthly budgets"
        filename="budgets.csv"
        columns={columns}
        rows={budgets}
        rowKey={(b) => b.id}
        empty={
          canManage
            ? "No budgets yet. Add one below: a soft budget alerts at its thresholds; a hard one makes the guardrail API downgrade or block at the limit."
            : "No budgets yet. Finance or an admin sets them here."
        }
      />
      {canManage && (
        <section className="card" aria-label="Set a budget">
          <h2>Set a budget</h2>
          <form onSubmit={onCreate} className="form-row">
            <div className="field">
              <label htmlFor="b-scope">Scope</label>
              <select id="b-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
                <Options
                  items={[
                    ["org", "Organisation"],
                    ["team", "Team"],
                    ["feature", "Feature"],
                  ]}
                />
              </select>
            </div>
            {scope !== "org" && (
              <div className="field">
                <label htmlFor="b-ref">{scope === "team" ? "Team" : "Feature"}</label>
                <input id="b-ref" name="scope_ref" required list="b-refs" />
                <Suggestions id="b-refs" values={scope === "team" ? teams : features} />
              </div>
            )}
            <div className="field">
              <label htmlFor="b-limit">Monthly limit (USD)</label>
              <input id="b-limit" name="limit" required {...usdInput} placeholder="500" />
            </div>
            <div className="field">
              <label htmlFor="b-mode">Mode</label>
              <select id="b-mode" name="mode" defaultValue="soft">
                <Options
                  items={[
                    ["soft", "soft (alert)"],
                    ["hard", "hard (guardrail)"],
                  ]}
                />
              </select>
            </div>
            <div className="field">
              <label htmlFor="b-thr">Thresholds (%)</label>
              <input id="b-thr" name="thresholds" defaultValue="50,80,100" size={10} />
            </div>
            <div className="field">
              <label htmlFor="b-fb">Fallback model (hard)</label>
              <input id="b-fb" name="fallback" placeholder="gpt-4o-mini" />
            </div>
            <SubmitButton busy={busy}>Save budget</SubmitButton>
          </form>
        </section>
      )}
    </>
  );
}
