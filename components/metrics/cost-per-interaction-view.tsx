"use client";
import { useState } from "react";
import Link from "next/link";
import { FilterBar } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { ColumnBars } from "../charts/bars";
import { Lines } from "../charts/lines";
import { DataTable } from "../ui/data-table";
import { useMetric } from "./use-metric";
import { MetricPending, NoData } from "./states";
import { columnsOf } from "./columns";
import { CostMarkBadge, useUnpriced } from "./cost-mark";
import { approxMark, num, shortDay, usdTick, usdUnit, usd, sketchNote } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type CostPerInteractionResponse = MetricResponse<"cost-per-interaction">;

type Row = CostPerInteractionResponse["features"][number];
const col = columnsOf<Row>();

export function CostPerInteractionView() {
  const { params } = useUrlParams();
  const q = useMetric("cost-per-interaction", { ...params, group_by: "feature" });
  const d = q.data;
  const markOf = useUnpriced(params);
  const [picked, setPicked] = useState<string | null>(null);
  const feature = picked && d?.histograms.some((h) => h.feature === picked) ? picked : (d?.histograms[0]?.feature ?? null);
  const hist = d?.histograms.find((h) => h.feature === feature);
  const curve = d?.daily.find((c) => c.feature === feature);
  const stats = d?.features.find((f) => f.feature === feature);
  // percentiles from the sketch (large cohorts) carry "≈" and say why
  const ax = approxMark(d?.percentile_method);
  const note = d ? sketchNote(d.percentile_relative_error, d.exact_cutoff_interactions) : "";
  const percentile = (v: string | null) =>
    v === null ? (
      usdUnit(null)
    ) : (
      <span title={ax ? note : undefined}>
        {ax}
        {usdUnit(v)}
      </span>
    );

  return (
    <>
      <FilterBar />
      <MetricPending q={q} height={360} />
      {d && d.features.length === 0 && <NoData what="interactions" />}
      {d && d.features.length > 0 && feature && (
        <>
          {d.review.length > 0 ? (
            <div className="alert alert-info" role="note">
              <strong>Architecture review:</strong>{" "}
              {d.review.map((r, i) => (
                <span key={r.feature}>
                  {i > 0 && ", "}
                  <button type="button" className="btn" style={{ padding: "0 6px" }} onClick={() => setPicked(r.feature)}>
                    {r.feature}
                  </button>{" "}
                  mean {usdUnit(r.mean_usd)} &gt; {usdUnit(r.threshold_usd)}
                </span>
              ))}
              . Their mean cost per interaction is above the review threshold (set per feature in <Link href="/settings">Settings</Link>).
            </div>
          ) : (
            <div className="alert alert-ok" role="note">
              No feature is above its review threshold in this period.
            </div>
          )}
          <div className="filters" style={{ marginBottom: 16 }}>
            <div className="field">
              <label htmlFor="cpi-feature">Feature shown in the charts</label>
              <select id="cpi-feature" value={feature} onChange={(e) => setPicked(e.target.value)}>
                {d.histograms.map((h) => (
                  <option key={h.feature} value={h.feature}>
                    {h.feature}
                  </option>
                ))}
              </select>
            </div>
            {stats && (
              <p className="muted" style={{ margin: 0 }}>
                {num(stats.interactions)} interactions · mean {usdUnit(stats.mean_usd)} · p50 {ax}
                {usdUnit(stats.p50_usd)} · p90 {ax}
                {usdUnit(stats.p90_usd)} · p99 {ax}
                {usdUnit(stats.p99_usd)} · max {usdUnit(stats.max_usd)}
              </p>
            )}
            {ax && (
              <p className="muted" style={{ margin: 0 }}>
                <span className="badge" title={note} tabIndex={0} aria-label={note}>
                  ≈ within {d.percentile_relative_error * 100} %
                </span>{" "}
                <span style={{ fontSize: 12 }}>{note}</span>
              </p>
            )}
          </div>
          <div className="grid grid-2" style={{ marginBottom: 16 }}>
            {hist && (
              <ChartFrame
                title={`Distribution: ${feature}`}
                description={`Interactions per cost bucket (20 buckets up to the ${ax}p99; the last bar holds everything above). Red: buckets above the review threshold.${ax ? " ≈: counted from the sketch, an interaction near a bucket edge may fall in the neighbouring bar." : ""}`}
                table={{
                  columns: ["From", "To", "Interactions"],
                  rows: hist.buckets.map((b) => [b.from_usd, b.to_usd ?? "∞", b.interactions]),
                  money: [0, 1],
                }}
              >
                <ColumnBars
                  yLabel="interactions"
                  rows={hist.buckets.map((b) => ({
                    label: b.to_usd === null ? `≥${usdTick(Number(b.from_usd))}` : usdTick(Number(b.from_usd)),
                    value: b.interactions,
                  }))}
                  highlight={(i) => stats !== undefined && Number(hist.buckets[i].from_usd) >= Number(stats.threshold_usd)}
                />
              </ChartFrame>
            )}
            {curve && (
              <ChartFrame
                title={`Cost-per-interaction curve: ${feature}`}
                description={`${ax}p50 and ${ax}p90 of the interactions that started each day; the dashed red line is the review threshold. Gaps are days without interactions.${ax ? ` ${note}` : ""}`}
                table={{
                  columns: ["Day", "Interactions", `${ax}p50`, `${ax}p90`],
                  rows: curve.points.map((p) => [p.day, p.interactions, p.p50_usd ?? "—", p.p90_usd ?? "—"]),
                  money: [2, 3],
                }}
              >
                <Lines
                  xKey="day"
                  xFormat={shortDay}
                  yFormat={usdTick}
                  rows={curve.points.map((p) => ({
                    day: p.day,
                    p50: p.p50_usd === null ? null : Number(p.p50_usd),
                    p90: p.p90_usd === null ? null : Number(p.p90_usd),
                  }))}
                  series={[
                    { key: "p50", label: `${ax}p50` },
                    { key: "p90", label: `${ax}p90`, dashed: true },
                  ]}
                  reference={{ value: Number(curve.threshold_usd), label: `threshold ${usdUnit(curve.threshold_usd)}` }}
                />
              </ChartFrame>
            )}
          </div>
          <DataTable<Row>
            title="Cost per interaction by feature"
            filename={`cost-per-interaction_${d.period.from}_${d.period.to}.csv`}
            rowKey={(r) => r.feature}
            rows={d.features}
            columns={[
              { key: "feature", label: "feature", header: "Feature", value: (r) => r.feature },
              col.figure("n", "interactions", "Interactions", num),
              col.figure("total", "total_cost_usd", "Total", usd),
              col.figure("mean", "mean_usd", "Mean", usdUnit, (r) => <CostMarkBadge mark={markOf(r.feature)} />),
              col.figure("p50", "p50_usd", `${ax}p50`, percentile),
              col.figure("p90", "p90_usd", `${ax}p90`, percentile),
              col.figure("p99", "p99_usd", `${ax}p99`, percentile),
              col.figure("max", "max_usd", "Max", usdUnit),
              col.figure("thr", "threshold_usd", "Threshold", usdUnit),
              {
                key: "review",
                label: "review",
                header: "Review",
                value: (r) => r.review,
                render: (r) =>
                  r.review ? (
                    <span className="badge badge-bad">architecture review</span>
                  ) : markOf(r.feature) === "unpriced" ? (
                    <span className="badge badge-warn">cannot judge: unpriced</span>
                  ) : (
                    <span className="badge badge-good">ok</span>
                  ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
