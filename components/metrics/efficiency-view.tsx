"use client";
import { FilterBar } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { GroupedBars } from "../charts/bars";
import { DataTable } from "../ui/data-table";
import { SkeletonBlock } from "../ui/skeleton-block";
import { useMetric } from "./use-metric";
import { MetricError, NoData } from "./states";
import { num, pct, usd, usdUnit } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type TokenEfficiencyResponse = MetricResponse<"token-efficiency">;

type Row = TokenEfficiencyResponse["groups"][number];
const GROUP_KEYS = ["group_by"];
const ter = (x: number | null) => (x === null ? "—" : x.toFixed(3));

export function EfficiencyView() {
  const { params } = useUrlParams();
  const g = useUrlParams(GROUP_KEYS);
  const groupBy = (g.params.group_by === "team" ? "team" : "feature") as "feature" | "team";
  const q = useMetric("token-efficiency", { ...params, group_by: groupBy });
  const d = q.data;
  const name = (r: Row) => String(r[groupBy as keyof Row]);
  return (
    <>
      <FilterBar
        extra={
          <div className="field">
            <label htmlFor="f-group">Group by</label>
            <select
              id="f-group"
              value={groupBy}
              onChange={(e) => g.set({ group_by: e.target.value === "feature" ? null : e.target.value })}
            >
              <option value="feature">Feature</option>
              <option value="team">Team</option>
            </select>
          </div>
        }
      />
      {q.error && <MetricError error={q.error} retry={() => q.refetch()} />}
      {!d && !q.error && <SkeletonBlock height={360} />}
      {d && d.groups.length === 0 && <NoData />}
      {d && d.groups.length > 0 && (
        <>
          <div className="grid grid-2" style={{ marginBottom: 16 }}>
            <ChartFrame
              title={`Token efficiency beside quality, per ${groupBy}`}
              description="TER (output ÷ input tokens) next to success rate and correct rate, so efficiency is never read without quality."
              table={{
                columns: [groupBy, "TER", "Success rate", "Correct rate"],
                rows: d.groups.map((r) => [name(r), ter(r.ter), pct(r.success_rate), pct(r.correct_rate)]),
              }}
              height={280}
            >
              <GroupedBars
                format={(v) => `${Math.round(v * 100)}%`}
                rows={d.groups.slice(0, 10).map((r) => ({ label: name(r), ter: r.ter, success: r.success_rate, correct: r.correct_rate }))}
                series={[
                  { key: "ter", label: "TER (right axis, ratio)", axis: "right" },
                  { key: "success", label: "Success rate" },
                  { key: "correct", label: "Correct rate" },
                ]}
              />
            </ChartFrame>
            <section className="card" aria-label="Leaderboard">
              <h2>Leaderboard</h2>
              <p className="muted" style={{ fontSize: 12 }}>
                Highest TER among the {groupBy === "team" ? "teams" : "features"} whose correct rate did not fall versus{" "}
                {d.previous_period.from} → {d.previous_period.to}.
              </p>
              {d.leaderboard.length === 0 ? (
                <p className="muted">
                  Nobody qualifies yet: the leaderboard needs correctness judgements (<code>correct</code> on events) this period.
                </p>
              ) : (
                <ol>
                  {d.leaderboard.map((e) => (
                    <li key={String(e[groupBy as keyof typeof e])}>
                      <strong>{String(e[groupBy as keyof typeof e])}</strong> — TER {ter(e.ter)}
                    </li>
                  ))}
                </ol>
              )}
              <h3 style={{ marginTop: 12 }}>Not ranked</h3>
              <ul className="muted" style={{ fontSize: 12 }}>
                {d.groups
                  .filter((r) => r.rank === null)
                  .slice(0, 8)
                  .map((r) => (
                    <li key={name(r)}>
                      {name(r)}: {r.rank_note}
                    </li>
                  ))}
              </ul>
            </section>
          </div>
          <DataTable<Row>
            title={`Efficiency and quality per ${groupBy}`}
            filename={`efficiency-by-${groupBy}_${d.period.from}_${d.period.to}.csv`}
            dense
            rowKey={name}
            rows={d.groups}
            columns={[
              { key: "g", label: groupBy, header: groupBy === "team" ? "Team" : "Feature", value: name },
              {
                key: "in",
                label: "input_tokens",
                header: "Input tokens",
                numeric: true,
                value: (r) => r.input_tokens,
                render: (r) => num(r.input_tokens),
              },
              {
                key: "out",
                label: "output_tokens",
                header: "Output tokens",
                numeric: true,
                value: (r) => r.output_tokens,
                render: (r) => num(r.output_tokens),
              },
              {
                key: "ter",
                label: "ter",
                header: "TER",
                numeric: true,
                value: (r) => r.ter,
                render: (r) => (
                  <>
                    {ter(r.ter)}
                    <div className="muted" style={{ fontSize: 11 }}>
                      prev {ter(r.previous_ter)}
                    </div>
                  </>
                ),
              },
              {
                key: "s",
                label: "success_rate",
                header: "Success",
                numeric: true,
                value: (r) => r.success_rate,
                render: (r) => pct(r.success_rate),
              },
              {
                key: "c",
                label: "correct_rate",
                header: "Correct",
                numeric: true,
                value: (r) => r.correct_rate,
                render: (r) => (
                  <>
                    {pct(r.correct_rate)}
                    <div className="muted" style={{ fontSize: 11 }}>
                      prev {pct(r.previous_correct_rate)}
                    </div>
                  </>
                ),
              },
              {
                key: "rank",
                label: "rank",
                header: "Rank",
                numeric: true,
                value: (r) => r.rank,
                render: (r) => (r.rank === null ? "—" : `#${r.rank}`),
              },
              {
                key: "cost",
                label: "total_cost_usd",
                header: "Cost",
                numeric: true,
                value: (r) => r.total_cost_usd,
                render: (r) => usd(r.total_cost_usd),
              },
              {
                key: "cpc",
                label: "cost_per_correct_output_usd",
                header: "Per correct",
                numeric: true,
                value: (r) => r.cost_per_correct_output_usd,
                render: (r) => usdUnit(r.cost_per_correct_output_usd),
              },
              {
                key: "tasks",
                label: "resolved_tasks",
                header: "Resolved",
                numeric: true,
                value: (r) => r.resolved_tasks,
                render: (r) => `${num(r.resolved_tasks)} / ${num(r.tasks)}`,
              },
              {
                key: "cpt",
                label: "cost_per_resolved_task_usd",
                header: "Per resolved",
                numeric: true,
                value: (r) => r.cost_per_resolved_task_usd,
                render: (r) => usdUnit(r.cost_per_resolved_task_usd),
              },
            ]}
          />
          {d.notes.length > 1 && (
            <p className="muted" style={{ fontSize: 12 }}>
              {d.notes.slice(1).join(" ")}
            </p>
          )}
        </>
      )}
    </>
  );
}
