"use client";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options, Suggestions } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, optionalText, text, usdInput } from "../forms/form-values";

export type PolicyRow = {
  feature: string;
  fallback_action: string;
  fallback_model: string | null;
  kill_switch: boolean;
  kill_switch_reason: string | null;
  anomaly_active: boolean;
  anomaly_tripped_at: string | null;
  baseline_usd_per_min: string | null;
  auto_clear_minutes: number;
  freemium_throttle: boolean;
  /** what the check API answers for this feature now (lib/guardrails/feature-status.ts) */
  status: { state: "normal" | "kill_switch" | "anomaly" | "hard_budget"; decision: string; model: string | null; reason: string };
  /** false: another team's feature, which this person may not change (not offered) */
  may_edit?: boolean;
};

export type DecisionRow = {
  id: string;
  at: string;
  feature: string;
  tenant_id: string | null;
  tier: string | null;
  model: string;
  decision: string;
  fallback_model: string | null;
  reason: string;
};

export function GuardrailsPanel({
  policies,
  decisions,
  canManage,
}: {
  policies: PolicyRow[];
  decisions: DecisionRow[];
  canManage: boolean;
}) {
  const { busy, error, run } = useApiAction({ hint: "The guardrail was not changed." });

  const save = (json: Record<string, unknown>, path = "/api/v1/guardrails/policies", method: "PUT" | "POST" = "PUT") =>
    run(() => apiFetch(path, { method, json }));

  function toggleKill(p: PolicyRow) {
    if (p.kill_switch) return save({ feature: p.feature, kill_switch: false, kill_switch_reason: null });
    const reason = prompt(
      `Kill switch for ${p.feature}: calls go to ${p.fallback_model && p.fallback_action === "downgrade" ? p.fallback_model : "block"}. Reason?`,
      "",
    );
    if (reason === null) return;
    return save({ feature: p.feature, kill_switch: true, kill_switch_reason: reason || null });
  }

  const columns: Column<PolicyRow>[] = [
    { key: "feature", label: "Feature", value: (p) => p.feature, render: (p) => <strong>{p.feature}</strong> },
    {
      key: "status",
      label: "Status",
      value: (p) => (p.status.state === "normal" ? "normal" : `${p.status.decision}: ${p.status.reason}`),
      render: (p) =>
        p.status.state === "kill_switch" ? (
          <span className="badge badge-bad" title={p.status.reason}>
            kill switch on: {p.status.decision}
          </span>
        ) : p.status.state === "anomaly" ? (
          <span className="badge badge-bad" title={p.status.reason}>
            anomaly: {p.status.decision} since {p.anomaly_tripped_at?.slice(11, 16)} UTC
          </span>
        ) : p.status.state === "hard_budget" ? (
          <span className="badge badge-bad" title={p.status.reason}>
            hard budget: {p.status.decision}
            {p.status.model ? ` → ${p.status.model}` : ""}
          </span>
        ) : (
          <span className="badge badge-good">normal</span>
        ),
    },
    {
      key: "fallback",
      label: "Fallback",
      value: (p) => (p.fallback_action === "block" ? "block" : `downgrade → ${p.fallback_model ?? "(none: block)"}`),
      render: (p) => (p.fallback_action === "block" || !p.fallback_model ? "block" : `downgrade → ${p.fallback_model}`),
    },
    {
      key: "baseline",
      label: "Anomaly baseline",
      value: (p) => p.baseline_usd_per_min ?? "median",
      render: (p) => (p.baseline_usd_per_min ? `$${p.baseline_usd_per_min}/min (fixed)` : "median of same hour, 7 days"),
    },
    {
      key: "auto_clear_minutes",
      label: "Auto-clear after",
      numeric: true,
      value: (p) => p.auto_clear_minutes,
      render: (p) => `${p.auto_clear_minutes} min normal`,
    },
    {
      key: "freemium_throttle",
      label: "Freemium throttle",
      value: (p) => p.freemium_throttle,
      render: (p) => (p.freemium_throttle ? "on" : "off"),
    },
    ...(canManage
      ? [
          actionsColumn(
            (p: PolicyRow) =>
              p.may_edit === false ? (
                <span className="muted">another team&apos;s feature</span>
              ) : (
                <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
                  <button
                    className={`btn ${p.kill_switch ? "" : "btn-danger"}`}
                    disabled={busy}
                    onClick={() => toggleKill(p)}
                    aria-label={`${p.kill_switch ? "Release" : "Engage"} kill switch for ${p.feature}`}
                  >
                    {p.kill_switch ? "Release kill switch" : "Kill switch"}
                  </button>
                  {p.anomaly_active && (
                    <button
                      className="btn"
                      disabled={busy}
                      onClick={() => save({}, `/api/v1/guardrails/policies/${encodeURIComponent(p.feature)}/clear-anomaly`, "POST")}
                    >
                      Clear anomaly
                    </button>
                  )}
                </div>
              ),
            { emptyCsvColumn: true },
          ),
        ]
      : []),
  ];

  const onPolicy = onFormSubmit((f) =>
    save({
      feature: text(f, "feature"),
      fallback_action: f.get("action"),
      fallback_model: optionalText(f, "model"),
      baseline_usd_per_min: optionalText(f, "baseline"),
      auto_clear_minutes: Number(f.get("clear") || 60),
      freemium_throttle: f.get("freemium") === "on",
    }),
  );

  const decisionColumns: Column<DecisionRow>[] = [
    { key: "at", label: "When (UTC)", value: (d) => d.at, render: (d) => d.at.slice(0, 19).replace("T", " ") },
    {
      key: "decision",
      label: "Decision",
      value: (d) => d.decision,
      render: (d) => <span className={d.decision === "block" ? "badge badge-bad" : "badge badge-warn"}>{d.decision}</span>,
    },
    { key: "feature", label: "Feature", value: (d) => d.feature },
    { key: "tenant", label: "Tenant", value: (d) => (d.tenant_id ? `${d.tenant_id}${d.tier ? ` (${d.tier})` : ""}` : "") },
    { key: "model", label: "Requested → given", value: (d) => `${d.model}${d.fallback_model ? ` → ${d.fallback_model}` : ""}` },
    { key: "reason", label: "Reason", value: (d) => d.reason },
  ];

  return (
    <>
      <FormMessages error={error} />
      <DataTable
        title="Guardrails per feature"
        filename="guardrail-policies.csv"
        columns={columns}
        rows={policies}
        rowKey={(p) => p.feature}
        empty="No features yet: guardrails list every feature that has sent events or has a policy."
      />
      {canManage && (
        <section className="card" aria-label="Guardrail policy">
          <h2>Set a feature&apos;s fallback</h2>
          <form onSubmit={onPolicy} className="form-row">
            <div className="field">
              <label htmlFor="g-feature">Feature</label>
              <input id="g-feature" name="feature" required list="g-features" />
            </div>
            <Suggestions id="g-features" values={policies.map((p) => p.feature)} />
            <div className="field">
              <label htmlFor="g-action">Fallback action</label>
              <select id="g-action" name="action" defaultValue="downgrade">
                <Options items={["downgrade", "block"]} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="g-model">Fallback model</label>
              <input id="g-model" name="model" placeholder="gpt-4o-mini" />
            </div>
            <div className="field">
              <label htmlFor="g-baseline">Fixed baseline (USD/min, optional)</label>
              <input id="g-baseline" name="baseline" {...usdInput} />
            </div>
            <div className="field">
              <label htmlFor="g-clear">Auto-clear (min)</label>
              <input id="g-clear" name="clear" type="number" min={1} defaultValue={60} style={{ width: 80 }} />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="freemium" defaultChecked /> Throttle trapped free tenants
              </label>
            </div>
            <SubmitButton busy={busy}>Save policy</SubmitButton>
          </form>
        </section>
      )}
      <DataTable
        title="Guardrail decisions (downgrade and block)"
        filename="guardrail-decisions.csv"
        columns={decisionColumns}
        rows={decisions}
        rowKey={(d) => d.id}
        empty="No downgrade or block decisions yet. Applications ask POST /api/v1/guardrails/check before a model call; every non-allow answer is listed here."
      />
    </>
  );
}
