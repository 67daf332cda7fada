"use client";
import { FilterBar, SelectField } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { GroupedBars } from "../charts/bars";
import { DataTable } from "../ui/data-table";
import { useMetric } from "./use-metric";
import { MetricPending, NoData } from "./states";
import { CellNote, columnsOf } from "./columns";
import { num, pct, usd, usdUnit } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type TokenEfficiencyResponse = MetricResponse<"token-efficiency">;

type Row = TokenEfficiencyResponse["groups"][number];
const GROUP_KEYS = ["group_by"];
const ter = (x: number | null) => (x === null ? "—" : x.toFixed(3));
const col = columnsOf<Row>();

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
          <SelectField
            id="f-group"
            label="Group by"
            value={groupBy}
            options={[
              ["feature", "Feature"],
              ["team", "Team"],
            ]}
            onChange={(v) => g.set({ group_by: v === "feature" ? null : v })}
          />
        }
      />
      <MetricPending q={q} height={360} />
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
                  { key: "ter", label: "TER (right axis, ratio)", short: "TER", axis: "right" },
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
              col.figure("in", "input_tokens", "Input tokens", num),
              col.figure("out", "output_tokens", "Output tokens", num),
              col.figure("ter", "ter", "TER", ter, (r) => <CellNote>prev {ter(r.previous_ter)}</CellNote>),
              col.figure("s", "success_rate", "Success", pct),
              col.figure("c", "correct_rate", "Correct", pct, (r) => <CellNote>prev {pct(r.previous_correct_rate)}</CellNote>),
              col.figure("rank", "rank", "Rank", (rank) => (rank === null ? "—" : `#${rank}`)),
              col.figure("cost", "total_cost_usd", "Cost", usd),
              col.figure("cpc", "cost_per_correct_output_usd", "Per correct", usdUnit),
              {
                key: "tasks",
                label: "resolved_tasks",
                header: "Resolved",
                numeric: true,
                value: (r) => r.resolved_tasks,
                render: (r) => `${num(r.resolved_tasks)} / ${num(r.tasks)}`,
              },
              col.figure("cpt", "cost_per_resolved_task_usd", "Per resolved", usdUnit),
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
