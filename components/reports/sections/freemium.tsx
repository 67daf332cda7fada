import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, pct, usd } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Board report section s-freemium (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function FreemiumSection({ r }: SectionProps) {
  return (
    <SectionBlock id="s-freemium" s={r.freemium}>
      {(f) => (
        <div className="keep">
          <div className="kpis">
            <div className="kpi">
              <div className="kpi-label">Free tenants (cohort)</div>
              <div className="kpi-value">{int(f.tenants)}</div>
              <div className="kpi-sub">first-30-day window, as of {f.as_of}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Trapped</div>
              <div className="kpi-value">
                {int(f.trapped)} · {pct(f.trapped_share)}
              </div>
              <div className="kpi-sub">30-day cost above predicted LTV {usd(f.predicted_ltv_usd, 2)}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Subsidy ratio</div>
              <div className="kpi-value">{f.subsidy.ratio === null ? "—" : pct(f.subsidy.ratio)}</div>
              <div className="kpi-sub">
                free-tier cost {usd(f.subsidy.free_tier_cost_usd, 2)} vs paid revenue {usd(f.subsidy.paid_revenue_usd, 2)}
              </div>
            </div>
          </div>
          {f.list.filter((x) => x.trapped).length > 0 && (
            <ReportTable
              rows={f.list.filter((x) => x.trapped).slice(0, 8)}
              rowKey={(x) => x.tenant_id}
              columns={[
                { head: "Tenant", cell: (x) => x.tenant_id },
                { head: "30-day cost", n: true, cell: (x) => usd(x.cost_30d_usd, 2) },
                { head: "Main model", cell: (x) => x.main_model ?? "—" },
                { head: "Recommended action", cell: (x) => x.action },
              ]}
            />
          )}
        </div>
      )}
    </SectionBlock>
  );
}
