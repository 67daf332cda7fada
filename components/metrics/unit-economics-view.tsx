"use client";
import Link from "next/link";
import { FilterBar } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { Lines } from "../charts/lines";
import { StackedBars } from "../charts/stacked-bars";
import { DataTable } from "../ui/data-table";
import { useMetric } from "./use-metric";
import { MetricPending, NoData } from "./states";
import { CellNote, columnsOf } from "./columns";
import { CostMarkBadge, useUnpriced } from "./cost-mark";
import { num, pct, shortDay, usd, usdTick, usdUnit } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type UnitEconomicsResponse = MetricResponse<"unit-economics">;

type Row = UnitEconomicsResponse["features"][number];
const col = columnsOf<Row>();

/** A money figure in red when the API's string is negative (a loss). */
function Signed({ value, text }: { value: string | null; text: string }) {
  return <span style={{ color: value?.startsWith("-") ? "var(--bad)" : undefined }}>{text}</span>;
}

export function UnitEconomicsView() {
  const { params } = useUrlParams();
  const markOf = useUnpriced(params);
  const q = useMetric("unit-economics", params);
  const d = q.data;
  const trendRows = d
    ? (d.weekly_trend[0]?.points ?? []).map((p, i) => ({
        week: p.week,
        ...Object.fromEntries(
          d.weekly_trend.map((t) => [
            t.feature,
            t.points[i]?.inference_cost_per_unit_usd === null || t.points[i] === undefined
              ? null
              : Number(t.points[i].inference_cost_per_unit_usd),
          ]),
        ),
      }))
    : [];
  const noValue = d?.features.filter((f) => f.value_per_unit_usd === null).map((f) => f.feature) ?? [];
  return (
    <>
      <FilterBar />
      <MetricPending q={q} height={360} />
      {d && d.features.length === 0 && <NoData />}
      {d && d.features.length > 0 && (
        <>
          {noValue.length > 0 && (
            <div className="alert alert-info" role="note">
              No value per unit for {noValue.join(", ")}: margin, profit, ROI and payback need one. Set it in{" "}
              <Link href="/settings">Settings</Link>.
            </div>
          )}
          <div className="grid grid-2" style={{ marginBottom: 16 }}>
            <ChartFrame
              title="Cost layers per unit"
              description="Layer 1 inference and layer 2 harness (allocated fixed and shared costs) per unit of value; together the fully loaded unit cost."
              table={{
                columns: ["Feature", "Inference / unit", "Harness / unit", "Total / unit", "Value / unit"],
                rows: d.features.map((f) => [
                  f.feature,
                  f.inference_cost_per_unit_usd ?? "—",
                  f.harness_cost_per_unit_usd ?? "—",
                  f.total_cost_per_unit_usd ?? "—",
                  f.value_per_unit_usd ?? "—",
                ]),
                money: [1, 2, 3, 4],
              }}
            >
              <StackedBars
                keys={["inference", "harness"]}
                rows={d.features.slice(0, 10).map((f) => ({
                  day: f.feature,
                  inference: Number(f.inference_cost_per_unit_usd ?? 0),
                  harness: Number(f.harness_cost_per_unit_usd ?? 0),
                }))}
                xFormat={(x) => x}
                categorical
              />
            </ChartFrame>
            <ChartFrame
              title="Weekly trend: inference cost per unit"
              description="Per ISO week (Monday, UTC); the first and last weeks may be partial. Gaps are weeks without units."
              table={{
                columns: ["Week", ...d.weekly_trend.map((t) => t.feature)],
                rows: trendRows.map((r) => [
                  r.week,
                  ...d.weekly_trend.map((t) => (r[t.feature as keyof typeof r] ?? "—") as string | number),
                ]),
                money: d.weekly_trend.map((_, i) => i + 1),
              }}
            >
              <Lines
                xKey="week"
                xFormat={shortDay}
                yFormat={usdTick}
                rows={trendRows}
                series={d.weekly_trend.map((t) => ({ key: t.feature, label: t.feature }))}
              />
            </ChartFrame>
          </div>
          <DataTable<Row>
            title="Unit economics per feature"
            filename={`unit-economics_${d.period.from}_${d.period.to}.csv`}
            dense
            rowKey={(r) => r.feature}
            rows={d.features}
            columns={[
              {
                key: "f",
                label: "feature",
                header: "Feature",
                value: (r) => r.feature,
                render: (r) => (
                  <>
                    {r.feature}
                    <CellNote>per {r.unit_of_value}</CellNote>
                  </>
                ),
              },
              col.figure("u", "units", "Units", num),
              col.figure("l1", "inference_cost_per_unit_usd", "L1 inference", usdUnit, (r) => <CostMarkBadge mark={markOf(r.feature)} />),
              col.figure("l2", "harness_cost_per_unit_usd", "L2 harness", usdUnit),
              col.figure("l3", "total_cost_per_unit_usd", "L3 total", usdUnit),
              col.figure("v", "value_per_unit_usd", "Value / unit", usdUnit, (r) => (
                <CellNote>{r.value_method?.replace(/_/g, " ") ?? "no method"}</CellNote>
              )),
              col.figure("s", "success_rate", "Success", pct),
              col.figure("m", "unit_margin_usd", "Unit margin", (v) => <Signed value={v} text={usdUnit(v)} />),
              col.figure("fx", "monthly_fixed_costs_usd", "Fixed / month", usd),
              col.figure("p", "monthly_profit_usd", "Profit / month", (v) => <Signed value={v} text={usd(v)} />),
              col.figure("roi", "roi_percent", "ROI", (roi) => (roi === null ? "—" : `${num(roi)} %`)),
              {
                key: "pb",
                label: "payback_months",
                header: "Payback",
                numeric: true,
                value: (r) => r.payback_months,
                render: (r) =>
                  r.payback_months === null ? (r.monthly_profit_usd === null ? "—" : "never") : `${num(r.payback_months, 1)} mo`,
              },
            ]}
          />
          <p className="muted" style={{ fontSize: 12 }}>
            {d.notes[0]} Harness cost in the period: {usd(d.harness.total_usd)} (unallocated: {usd(d.harness.unallocated_usd)}).
          </p>
        </>
      )}
    </>
  );
}
