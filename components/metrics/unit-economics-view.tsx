"use client";
import Link from "next/link";
import { FilterBar } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { Lines } from "../charts/lines";
import { StackedBars } from "../charts/stacked-bars";
import { DataTable } from "../ui/data-table";
import { SkeletonBlock } from "../ui/skeleton-block";
import { useMetric } from "./use-metric";
import { MetricError, NoData } from "./states";
import { CostMarkBadge, useUnpriced } from "./cost-mark";
import { num, pct, shortDay, usd, usdTick, usdUnit } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type UnitEconomicsResponse = MetricResponse<"unit-economics">;

type Row = UnitEconomicsResponse["features"][number];

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
      {q.error && <MetricError error={q.error} retry={() => q.refetch()} />}
      {!d && !q.error && <SkeletonBlock height={360} />}
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
                    <div className="muted" style={{ fontSize: 11 }}>
                      per {r.unit_of_value}
                    </div>
                  </>
                ),
              },
              { key: "u", label: "units", header: "Units", numeric: true, value: (r) => r.units, render: (r) => num(r.units) },
              {
                key: "l1",
                label: "inference_cost_per_unit_usd",
                header: "L1 inference",
                numeric: true,
                value: (r) => r.inference_cost_per_unit_usd,
                render: (r) => (
                  <>
                    {usdUnit(r.inference_cost_per_unit_usd)}
                    <CostMarkBadge mark={markOf(r.feature)} />
                  </>
                ),
              },
              {
                key: "l2",
                label: "harness_cost_per_unit_usd",
                header: "L2 harness",
                numeric: true,
                value: (r) => r.harness_cost_per_unit_usd,
                render: (r) => usdUnit(r.harness_cost_per_unit_usd),
              },
              {
                key: "l3",
                label: "total_cost_per_unit_usd",
                header: "L3 total",
                numeric: true,
                value: (r) => r.total_cost_per_unit_usd,
                render: (r) => usdUnit(r.total_cost_per_unit_usd),
              },
              {
                key: "v",
                label: "value_per_unit_usd",
                header: "Value / unit",
                numeric: true,
                value: (r) => r.value_per_unit_usd,
                render: (r) => (
                  <>
                    {usdUnit(r.value_per_unit_usd)}
                    <div className="muted" style={{ fontSize: 11 }}>
                      {r.value_method?.replace(/_/g, " ") ?? "no method"}
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
                key: "m",
                label: "unit_margin_usd",
                header: "Unit margin",
                numeric: true,
                value: (r) => r.unit_margin_usd,
                render: (r) => (
                  <span style={{ color: r.unit_margin_usd?.startsWith("-") ? "var(--bad)" : undefined }}>{usdUnit(r.unit_margin_usd)}</span>
                ),
              },
              {
                key: "fx",
                label: "monthly_fixed_costs_usd",
                header: "Fixed / month",
                numeric: true,
                value: (r) => r.monthly_fixed_costs_usd,
                render: (r) => usd(r.monthly_fixed_costs_usd),
              },
              {
                key: "p",
                label: "monthly_profit_usd",
                header: "Profit / month",
                numeric: true,
                value: (r) => r.monthly_profit_usd,
                render: (r) => (
                  <span style={{ color: r.monthly_profit_usd?.startsWith("-") ? "var(--bad)" : undefined }}>
                    {usd(r.monthly_profit_usd)}
                  </span>
                ),
              },
              {
                key: "roi",
                label: "roi_percent",
                header: "ROI",
                numeric: true,
                value: (r) => r.roi_percent,
                render: (r) => (r.roi_percent === null ? "—" : `${num(r.roi_percent)} %`),
              },
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
