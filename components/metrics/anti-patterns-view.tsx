"use client";
import Link from "next/link";
import { FilterBar, SelectField } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { Sparkline } from "../charts/sparkline";
import { CsvDownload } from "../ui/csv-download";
import { useMetric } from "./use-metric";
import { MetricPending, NoData } from "./states";
import { evidenceValue } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type AntiPatternsResponse = MetricResponse<"anti-patterns">;

type F = AntiPatternsResponse["findings"][number];
const TITLES: Record<F["detector"], string> = {
  zombie_feature: "Zombie feature",
  agentic_loop: "Agentic loop",
  negative_unit_economics: "Negative unit economics at scale",
  technology_churn: "Technology churn",
  prompt_cache_regression: "Prompt-cache regression",
  streaming_abort_gap: "Streaming-abort gap",
  coding_agent_shift: "Coding-agent shift (volume or owner)",
};

/** Evidence keys in words (the API keeps snake_case keys; people read these). */
const EVIDENCE_LABEL: Record<string, string> = {
  compared: "Weeks compared",
  weekly_users_before: "Weekly active users, before",
  weekly_users_after: "Weekly active users, after",
  user_change: "Change in users",
  tokens_per_day_before: "Tokens per day, before",
  tokens_per_day_after: "Tokens per day, after",
  token_change: "Change in tokens",
  tokens_per_interaction: "Tokens per interaction",
  design_tokens: "Design tokens per interaction",
  calls_per_interaction: "Calls per interaction",
  design_calls: "Design calls per interaction",
  cost_cv: "Variation of cost per session (CV)",
  units_per_day_before: "Units per day, before",
  units_per_day_after: "Units per day, after",
  volume_change: "Change in volume",
  unit_margin_before_usd: "Margin per unit, before",
  unit_margin_after_usd: "Margin per unit, after",
  cost_usd: "Spend in the period",
  spend_share: "Share of spend",
  last_used: "Last used",
  idle_days: "Days idle",
  changed_on: "Model changed on",
  model_before: "Model before",
  model_after: "Model after",
  cache_share_before: "Cache-hit share, before",
  cache_share_after: "Cache-hit share, after",
  billed_output_tokens: "Billed output tokens",
  delivered_output_tokens: "Delivered output tokens",
  gap_tokens: "Billed but not delivered",
  gap_share: "Share not delivered",
  aborted_events: "Aborted streams",
  weekly_cost_before: "Cost per week, before",
  weekly_cost_after: "Cost per week, after",
  cost_change: "Change in cost",
  runs_per_week_before: "CI runs per week, before",
  runs_per_week_after: "CI runs per week, after",
  cost_per_run_before: "Cost per CI run, before",
  cost_per_run_after: "Cost per CI run, after",
  cost_per_run_change: "Change in cost per CI run",
  merged_prs_per_week_before: "Merged PRs per week, before",
  merged_prs_per_week_after: "Merged PRs per week, after",
  cost_per_merged_pr_before: "Cost per merged PR, before",
  cost_per_merged_pr_after: "Cost per merged PR, after",
  cost_per_merged_pr_change: "Change in cost per merged PR",
  owner: "Budget owner now",
  previous_owner: "Budget owner before",
  owner_share_before: "Owner's share, before",
  owner_share_after: "Owner's share, after",
};
export const evidenceLabel = (key: string) => EVIDENCE_LABEL[key] ?? key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function AntiPatternsView() {
  const { params } = useUrlParams();
  const q = useMetric("anti-patterns", params);
  const d = q.data;
  const showAll = useUrlParams(["all"]);
  const list = d ? (showAll.params.all ? d.findings : d.findings.filter((f) => f.fired)) : [];
  return (
    <>
      <FilterBar
        extra={
          <SelectField
            id="f-all"
            label="Show"
            value={showAll.params.all ? "all" : "fired"}
            options={[
              ["fired", "Detected only"],
              ["all", "Every check"],
            ]}
            onChange={(v) => showAll.set({ all: v === "all" ? "1" : null })}
          />
        }
      />
      <MetricPending q={q} height={360} />
      {d && d.findings.length === 0 && <NoData />}
      {d && d.findings.length > 0 && (
        <>
          <div
            className="card"
            style={{ marginBottom: 16, display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12 }}
          >
            <p style={{ margin: 0 }}>
              <strong>{d.fired}</strong> of {d.findings.length} checks fired in {d.period.from} → {d.period.to}.{" "}
              <span data-testid="trend-windows">
                Trends (zombie, unit economics) compare whole weeks of equal length: {d.trend_windows.label}.
              </span>{" "}
              Thresholds: users −{d.thresholds.zombieUserDrop * 100} % (zombie), {d.thresholds.loopDesignMultiple}× design or CV ≥{" "}
              {d.thresholds.loopCv} (loop), idle ≥ {d.thresholds.churnIdleDays} days (churn), cache −{d.thresholds.cacheDropPoints * 100}{" "}
              points, abort gap ≥ {d.thresholds.abortGapShare * 100} %.
            </p>
            <CsvDownload
              filename={`anti-patterns_${d.period.from}_${d.period.to}.csv`}
              rows={list}
              columns={[
                { key: "d", label: "detector", value: (f) => f.detector },
                { key: "s", label: "subject", value: (f) => f.subject },
                { key: "f", label: "fired", value: (f) => f.fired },
                { key: "sev", label: "severity", value: (f) => f.severity },
                { key: "sig", label: "signal", value: (f) => f.signal },
                { key: "e", label: "evidence", value: (f) => JSON.stringify(f.evidence) },
              ]}
            />
          </div>
          {list.length === 0 && (
            <div className="alert alert-ok" role="status">
              No anti-pattern detected in this period. Choose “Every check” to see the evidence of each check.
            </div>
          )}
          <div className="grid grid-2">
            {list.map((f) => (
              <article key={`${f.detector}|${f.subject}`} className="card" aria-label={`${TITLES[f.detector]}: ${f.subject}`}>
                <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "flex-start" }}>
                  <div>
                    <h2 style={{ marginBottom: 2 }}>{TITLES[f.detector]}</h2>
                    <div>
                      <code>{f.subject}</code>{" "}
                      {f.fired ? (
                        <span className={`badge ${f.severity === "critical" ? "badge-bad" : "badge-warn"}`}>{f.severity}</span>
                      ) : (
                        <span className="badge badge-good">not detected</span>
                      )}
                    </div>
                  </div>
                  <Sparkline values={f.sparkline} label={`Daily cost of ${f.subject}`} colour={f.fired ? "#c23030" : "#2f5bea"} />
                </div>
                <p className="muted" style={{ fontSize: 12, margin: "6px 0" }}>
                  Signal: {f.signal}
                </p>
                <table className="table">
                  <caption className="muted" style={{ textAlign: "left", fontSize: 11 }}>
                    Evidence
                  </caption>
                  <tbody>
                    {Object.entries(f.evidence).map(([k, v]) => (
                      <tr key={k}>
                        <th scope="row" style={{ position: "static" }}>
                          {evidenceLabel(k)}
                        </th>
                        <td className={typeof v === "number" ? "num" : undefined}>{evidenceValue(v, f.evidence_units[k])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p style={{ margin: "8px 0 0" }}>
                  <Link href={f.link}>Open the filtered view →</Link>
                </p>
              </article>
            ))}
          </div>
        </>
      )}
    </>
  );
}
