"use client";
import { FilterBar, SelectField } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { StackedBars } from "../charts/stacked-bars";
import { HBars } from "../charts/bars";
import { DataTable } from "../ui/data-table";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { queryKeys } from "@/lib/api/query-keys";
import { useMetric } from "./use-metric";
import type { Chargeback } from "@/lib/chargeback/get-chargeback";
import { MetricPending, NoData, Stat } from "./states";
import { CostMarkBadge, useUnpriced } from "./cost-mark";
import { compact, duration, num, pct, shortDay, usd, usdTick } from "@/lib/format";

const STACK_KEYS = ["stack_by"];

export function OverviewView() {
  const { params } = useUrlParams();
  const markOf = useUnpriced(params);
  const stack = useUrlParams(STACK_KEYS);
  const q = useMetric("overview", { ...params, ...stack.params });
  const d = q.data;
  const cbMonth = d?.month_to_date.month;
  const cb = useQuery({
    queryKey: queryKeys.resource("chargeback", { month: cbMonth }),
    queryFn: () => apiFetch<Chargeback>(`/api/v1/reports/chargeback?month=${cbMonth}`),
    enabled: Boolean(cbMonth),
  });
  return (
    <>
      <FilterBar
        extra={
          <SelectField
            id="f-stack"
            label="Stack by"
            value={stack.params.stack_by ?? "team"}
            options={[
              ["team", "Team"],
              ["feature", "Feature"],
            ]}
            onChange={(v) => stack.set({ stack_by: v === "team" ? null : v })}
          />
        }
      />
      <MetricPending q={q} height={300} stats />
      {d && d.totals.events === 0 && <NoData />}
      {d && d.totals.events > 0 && (
        <>
          <div className="grid grid-4" style={{ marginBottom: 16 }}>
            <Stat
              label="Usage cost"
              value={<span data-testid="page-total">{usd(d.totals.total_cost_usd)}</span>}
              sub={`priced model calls, ${d.period.from} → ${d.period.to} (exclusive)`}
            />
            <Stat label="Events" value={num(d.totals.events)} sub={`${num(d.totals.interactions)} interactions`} />
            <Stat
              label="Tokens"
              value={compact(d.totals.input_tokens + d.totals.output_tokens)}
              sub={`${compact(d.totals.input_tokens)} in · ${compact(d.totals.output_tokens)} out`}
            />
            <Stat
              label={`Usage cost, month to date (${d.month_to_date.month})`}
              value={usd(d.month_to_date.cost_usd)}
              sub={
                <>
                  vs {usd(d.month_to_date.previous_month_same_days_usd)} same days last month
                  {d.month_to_date.change !== null && (
                    <>
                      {" "}
                      ({d.month_to_date.change >= 0 ? "+" : ""}
                      {pct(d.month_to_date.change)})
                    </>
                  )}
                </>
              }
            />
            <FullyLoaded cb={cb.data} month={d.month_to_date.month} team={params.team} filtered={Boolean(params.feature || params.model)} />
          </div>
          <div style={{ marginBottom: 16 }}>
            <ChartFrame
              title={`Spend per day by ${d.cost_by_day.stack_by}`}
              description={`Daily cost, stacked by ${d.cost_by_day.stack_by} (top 6, the rest as "other").`}
              height={300}
              table={{
                columns: ["Day", ...d.cost_by_day.keys, "Total"],
                rows: d.cost_by_day.points.map((p) => [p.day, ...d.cost_by_day.keys.map((k) => p.by[k]), p.cost_usd]),
                money: [...d.cost_by_day.keys.map((_, i) => i + 1), d.cost_by_day.keys.length + 1],
              }}
            >
              <StackedBars
                keys={d.cost_by_day.keys}
                rows={d.cost_by_day.points.map((p) => ({
                  day: p.day,
                  ...Object.fromEntries(Object.entries(p.by).map(([k, v]) => [k, Number(v)])),
                }))}
              />
            </ChartFrame>
          </div>
          <div className="grid grid-2" style={{ marginBottom: 16 }}>
            <ChartFrame
              title="Top features"
              description="Cost per feature over the period."
              height={240}
              table={{ columns: ["Feature", "Cost"], rows: d.top_features.map((f) => [String(f.feature), String(f.cost_usd)]), money: [1] }}
            >
              <HBars rows={d.top_features.map((f) => ({ label: String(f.feature), value: Number(f.cost_usd) }))} format={usdTick} />
            </ChartFrame>
            <ChartFrame
              title="Top models"
              description="Cost per model over the period."
              height={240}
              table={{ columns: ["Model", "Cost"], rows: d.top_models.map((f) => [String(f.model), String(f.cost_usd)]), money: [1] }}
            >
              <HBars
                rows={d.top_models.map((f) => ({ label: String(f.model), value: Number(f.cost_usd) }))}
                format={usdTick}
                labelWidth={230}
              />
            </ChartFrame>
          </div>
          <div className="grid grid-2">
            <DataTable
              title="Cost by feature"
              filename={`cost-by-feature_${d.period.from}_${d.period.to}.csv`}
              rowKey={(r) => String(r.feature)}
              rows={d.top_features}
              columns={[
                { key: "feature", label: "feature", header: "Feature", value: (r) => r.feature as string },
                {
                  key: "events",
                  label: "events",
                  header: "Events",
                  value: (r) => r.events as number | null,
                  numeric: true,
                  render: (r) => num(r.events as number | null),
                },
                {
                  key: "cost",
                  label: "cost_usd",
                  header: "Cost",
                  value: (r) => r.cost_usd as string,
                  numeric: true,
                  render: (r) => (
                    <>
                      {usd(r.cost_usd as string)}
                      <CostMarkBadge mark={markOf(String(r.feature))} />
                    </>
                  ),
                },
              ]}
              footer={
                <tr>
                  <td>Total</td>
                  <td className="num">{num(d.totals.events)}</td>
                  <td className="num">{usd(d.totals.total_cost_usd)}</td>
                </tr>
              }
            />
            <section className="card" aria-label="Data freshness">
              <h2>Ingestion freshness</h2>
              <p>
                Newest event: <strong>{d.freshness.last_event_at ? new Date(d.freshness.last_event_at).toUTCString() : "—"}</strong>
              </p>
              <p>
                Mean delay from call to storage in this period: <strong>{duration(d.freshness.mean_ingest_delay_ms)}</strong>
              </p>
              <p className="muted">
                Unpriced events (no catalog price, no cost_usd): {num(d.totals.unpriced_events)}. Add a price under Price book to count
                them.
              </p>
              <p className="muted">
                Last month in total: {usd(d.month_to_date.previous_month_total_usd)} · through {shortDay(d.month_to_date.through)}.
              </p>
            </section>
          </div>
        </>
      )}
    </>
  );
}

/**
 * The fully loaded cost of the month-to-date month beside the usage cost: the chargeback's total
 * (usage cost + fixed and shared costs), for the filtered team when one is chosen.
 */
function FullyLoaded({ cb, month, team, filtered }: { cb?: Chargeback; month: string; team?: string; filtered: boolean }) {
  if (!cb || cb.month !== month) return <Stat label={`Fully loaded cost (${month})`} value="…" />;
  const row = team ? cb.rows.find((r) => r.team === team) : null;
  const total = team ? (row?.total_usd ?? "0") : cb.total_usd;
  const usage = team ? (row?.direct_usd ?? "0") : cb.events_usd;
  const fixed = team ? (row?.allocated_usd ?? "0") : cb.fixed_costs_usd;
  return (
    <Stat
      label={`Fully loaded cost (${month}${team ? `, ${team}` : ""})`}
      value={<span data-testid="fully-loaded">{usd(total)}</span>}
      sub={
        <>
          usage cost {usd(usage)} + fixed and shared costs {usd(fixed)} for the whole month (the{" "}
          <a href={`/chargeback?month=${month}`}>chargeback</a>
          {filtered ? "; feature and model filters do not apply" : ""})
        </>
      }
    />
  );
}
