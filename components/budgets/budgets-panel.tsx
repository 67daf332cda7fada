"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { useRefreshingAction } from "../ui/use-refreshing-action";
import { DataTable, type Column } from "../ui/data-table";
import { pct, usd } from "@/lib/format";
import type { BudgetStatus } from "@/lib/budgets/manage-budgets";

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
  const action = useRefreshingAction();
  const { busy, error } = action;
  const [scope, setScope] = useState("feature");
  const [notice, setNotice] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>) => action.run(fn, "Nothing was changed.");

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const thresholds = String(f.get("thresholds") || "50,80,100")
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    const ref = scope === "org" ? "" : String(f.get("scope_ref") ?? "").trim();
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
    setNotice(null);
    let saved: { used: number; thresholds_reached: number[]; monthly_limit_usd: string; mode: string } | null = null;
    const ok = await run(async () => {
      saved = await apiFetch("/api/v1/budgets", {
        method: "POST",
        json: {
          scope,
          scope_ref: ref,
          ...(confirmUnknown ? { confirm_unknown: true } : {}),
          monthly_limit_usd: String(f.get("limit")),
          mode: f.get("mode"),
          thresholds,
          fallback_model: String(f.get("fallback") ?? "").trim() || null,
        },
      });
    });
    if (ok && saved) {
      const b: { used: number; thresholds_reached: number[]; monthly_limit_usd: string; mode: string } = saved;
      const reached = b.thresholds_reached.length
        ? ` Already past ${b.thresholds_reached[b.thresholds_reached.length - 1]} %: an alert was raised.`
        : "";
      setNotice(
        `Saved the ${b.mode} budget for ${scope === "org" ? "the organisation" : `${scope} ${ref}`}: ${usd(b.monthly_limit_usd)} a month, ${pct(b.used, 0)} used this month.${reached}`,
      );
      form.reset();
    }
  }

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
    { key: "spent_usd", label: "Spent this month", numeric: true, value: (b) => b.spent_usd, render: (b) => usd(b.spent_usd) },
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
          {
            key: "actions",
            label: "",
            value: () => "",
            render: (b: BudgetStatus) => (
              <button
                className="btn btn-danger"
                disabled={busy}
                aria-label={`Delete budget ${b.scope} ${b.scope_ref}`}
                onClick={() => confirm("Delete this budget?") && run(() => apiFetch(`/api/v1/budgets/${b.id}`, { method: "DELETE" }))}
              >
                Delete
              </button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {notice && (
        <div role="status" className="alert alert-ok">
          {notice}
        </div>
      )}
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
                <option value="org">Organisation</option>
                <option value="team">Team</option>
                <option value="feature">Feature</option>
              </select>
            </div>
            {scope !== "org" && (
              <div className="field">
                <label htmlFor="b-ref">{scope === "team" ? "Team" : "Feature"}</label>
                <input id="b-ref" name="scope_ref" required list="b-refs" />
                <datalist id="b-refs">
                  {(scope === "team" ? teams : features).map((x) => (
                    <option key={x} value={x} />
                  ))}
                </datalist>
              </div>
            )}
            <div className="field">
              <label htmlFor="b-limit">Monthly limit (USD)</label>
              <input id="b-limit" name="limit" required inputMode="decimal" pattern="\d+(\.\d{1,12})?" placeholder="500" />
            </div>
            <div className="field">
              <label htmlFor="b-mode">Mode</label>
              <select id="b-mode" name="mode" defaultValue="soft">
                <option value="soft">soft (alert)</option>
                <option value="hard">hard (guardrail)</option>
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
            <div className="field">
              <button className="btn btn-primary" disabled={busy}>
                Save budget
              </button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
