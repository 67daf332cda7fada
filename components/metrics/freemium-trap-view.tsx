"use client";
import { useState } from "react";
import Link from "next/link";
import { FilterBar } from "../filters/filter-bar";
import { useUrlParams } from "../filters/use-filters";
import { ChartFrame } from "../charts/chart-frame";
import { HBars } from "../charts/bars";
import { DataTable } from "../ui/data-table";
import { useMetric } from "./use-metric";
import { MetricPending, Stat } from "./states";
import { columnsOf } from "./columns";
import { num, pct, usd, usdTick, usdUnit } from "@/lib/format";
import type { MetricResponse } from "@/lib/metrics/schemas";

type FreemiumTrapResponse = MetricResponse<"freemium-trap">;

type Row = FreemiumTrapResponse["list"][number];
const AS_OF = ["as_of"];
const col = columnsOf<Row>();
const FIRST_PAGE = 10;
const MORE = 25;
const CHEAPER_SHOWN = 2;

export function FreemiumTrapView() {
  const { params } = useUrlParams();
  const a = useUrlParams(AS_OF);
  const q = useMetric("freemium-trap", { ...params, ...a.params });
  const d = q.data;
  const top = d?.list.slice(0, 15) ?? [];
  // a phone shows a tenant per screen: ten first, 25 more per click; the CSV always has the whole list
  const [limit, setLimit] = useState(FIRST_PAGE);
  const shown = d ? d.list.slice(0, limit) : [];
  return (
    <>
      <FilterBar
        extra={
          <div className="field">
            <label htmlFor="f-asof">As of</label>
            <input id="f-asof" type="date" value={a.params.as_of ?? ""} onChange={(e) => a.set({ as_of: e.target.value || null })} />
          </div>
        }
      />
      <MetricPending q={q} height={320} stats />
      {d && (
        <>
          <div className="grid grid-4" style={{ marginBottom: 16 }}>
            <Stat label="Free tenants (new in period)" value={num(d.tenants)} sub={`first event ${d.period.from} → ${d.period.to}`} />
            <Stat
              label="Trapped"
              value={
                <span className={d.trapped ? "badge badge-bad" : "badge badge-good"} style={{ fontSize: 20 }}>
                  {num(d.trapped)}
                </span>
              }
              sub={`${pct(d.trapped_share)} of the cohort · ${usd(d.trapped_cost_usd)} spent`}
            />
            <Stat
              label="Predicted LTV (free)"
              value={usd(d.predicted_ltv_usd)}
              sub={
                <>
                  {d.ltv_source === "default" ? "default value" : "from settings"} · <Link href="/settings">change</Link>
                </>
              }
            />
            <Stat
              label="Subsidy ratio"
              value={d.subsidy.ratio === null ? "—" : pct(d.subsidy.ratio)}
              sub={
                <>
                  free-tier cost {usd(d.subsidy.free_tier_cost_usd)} vs paid revenue {usd(d.subsidy.paid_revenue_usd)}
                </>
              }
            />
          </div>
          {d.tenants === 0 ? (
            <div className="card empty">
              <h2>No free-tier tenants started in this period</h2>
              <p>
                Tenants appear when events carry <code>tenant.id</code> and <code>tenant.tier = &quot;free&quot;</code>. Widen the date
                range, or send tenant fields with your events.
              </p>
            </div>
          ) : (
            <>
              <div style={{ marginBottom: 16 }}>
                <ChartFrame
                  title="First-30-day cost against the predicted LTV"
                  description={`The ${top.length} costliest free tenants of the cohort; red bars cost more than the LTV line (${usdUnit(d.predicted_ltv_usd)}). Windows still open are cut at the as-of day.`}
                  height={Math.max(200, top.length * 22 + 40)}
                  table={{
                    columns: ["Tenant", "Cost, first 30 days", "Trapped"],
                    rows: top.map((r) => [r.tenant_id, r.cost_30d_usd, r.trapped ? "yes" : "no"]),
                    money: [1],
                  }}
                >
                  <HBars
                    rows={top.map((r) => ({ label: r.tenant_id, value: Number(r.cost_30d_usd), bad: r.trapped }))}
                    format={usdTick}
                    labelWidth={140}
                    reference={{ value: Number(d.predicted_ltv_usd), label: `LTV ${usdUnit(d.predicted_ltv_usd)}` }}
                  />
                </ChartFrame>
              </div>
              <DataTable<Row>
                title="Free tenants by first-30-day cost"
                filename={`freemium-trap_${d.period.from}_${d.period.to}_as-of-${d.as_of}.csv`}
                rowKey={(r) => r.tenant_id}
                rows={shown}
                csvRows={d.list}
                columns={[
                  {
                    key: "t",
                    label: "tenant_id",
                    header: "Tenant",
                    value: (r) => r.tenant_id,
                    render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.tenant_id}</span>,
                  },
                  {
                    key: "first",
                    label: "first_event_at",
                    header: "First event",
                    value: (r) => r.first_event_at,
                    render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.first_event_at.slice(0, 16).replace("T", " ")}</span>,
                  },
                  col.figure("ev", "events", "Events", num),
                  col.figure("cost", "cost_30d_usd", "Cost, first 30 days", usdUnit, (r) =>
                    r.window_complete ? null : <span className="muted"> (window open)</span>,
                  ),
                  {
                    key: "trapped",
                    label: "trapped",
                    header: "Status",
                    value: (r) => r.trapped,
                    render: (r) =>
                      r.trapped ? <span className="badge badge-bad">trapped</span> : <span className="badge badge-good">under LTV</span>,
                  },
                  {
                    key: "model",
                    label: "main_model",
                    header: "Main model",
                    value: (r) => r.main_model ?? "",
                    render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.main_model ?? "—"}</span>,
                  },
                  {
                    key: "cheaper",
                    label: "cheaper_models",
                    header: "Cheaper catalog models that fit",
                    value: (r) => r.cheaper_models.map((c) => `${c.model} (${c.estimated_cost_30d_usd})`).join("; "),
                    render: (r) =>
                      r.trapped ? (
                        r.cheaper_models.length ? (
                          <span
                            style={{ display: "inline-block", minWidth: 220 }}
                            title={r.cheaper_models.map((c) => `${c.model} ≈ ${usdUnit(c.estimated_cost_30d_usd)}`).join("\n")}
                          >
                            {r.cheaper_models
                              .slice(0, CHEAPER_SHOWN)
                              .map((c) => `${c.model} ≈ ${usdUnit(c.estimated_cost_30d_usd)}`)
                              .join(", ")}
                            {r.cheaper_models.length > CHEAPER_SHOWN && (
                              <span className="muted"> +{r.cheaper_models.length - CHEAPER_SHOWN} more (CSV)</span>
                            )}
                          </span>
                        ) : (
                          <span className="muted">{r.action}</span>
                        )
                      ) : (
                        "—"
                      ),
                  },
                ]}
              />
              {d.list.length > shown.length && (
                <p>
                  <button type="button" className="btn" onClick={() => setLimit(limit + MORE)}>
                    Show {Math.min(MORE, d.list.length - shown.length)} more ({shown.length} of {d.list.length} shown)
                  </button>
                </p>
              )}
              <p className="muted" style={{ fontSize: 12 }}>
                Showing up to {d.list_limit} tenants, costliest first. Cost of cheaper models re-prices the tenant&apos;s window tokens at
                the candidate&apos;s catalog rates.
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
