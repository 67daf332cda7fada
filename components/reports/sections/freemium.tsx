import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, pct } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Board report section s-freemium (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function FreemiumSection({ r, v }: SectionProps) {
  const { m } = v;
  return (
    <SectionBlock id="s-freemium" s={r.freemium}>
      {(f) => (
        <div className="keep">
          <div className="kpis">
            <div className="kpi">
              <div className="kpi-label">Free tenants (cohort)</div>
              <div className="kpi-value">{int(f.tenants)}</div>
              <div className="kpi-sub">first-30-day window, as of {f.asOf}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Trapped</div>
              <div className="kpi-value">
                {int(f.trapped)} · {pct(f.trappedShare)}
              </div>
              <div className="kpi-sub">30-day cost above predicted LTV {m.money(f.predictedLtv, 2)}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Subsidy ratio</div>
              <div className="kpi-value">{f.subsidy.ratio === null ? "—" : pct(f.subsidy.ratio)}</div>
              <div className="kpi-sub">
                free-tier cost {m.money(f.subsidy.freeTierCost, 2)} vs paid revenue {m.money(f.subsidy.paidRevenue, 2)}
              </div>
            </div>
          </div>
          {f.list.filter((x) => x.trapped).length > 0 && (
            <ReportTable
              rows={f.list.filter((x) => x.trapped).slice(0, 8)}
              rowKey={(x) => x.tenantId}
              columns={[
                { head: "Tenant", cell: (x) => x.tenantId },
                { head: "30-day cost", n: true, cell: (x) => m.money(x.cost30d, 2) },
                { head: "Main model", cell: (x) => x.mainModel ?? "—" },
                { head: "Recommended action", cell: (x) => x.action },
              ]}
            />
          )}
        </div>
      )}
    </SectionBlock>
  );
}
