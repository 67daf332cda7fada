import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct, usd } from "@/lib/format";
import { parseUsd } from "@/lib/money";
import { ReportTable } from "../report-table";

/** Board report section s-ue (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function UnitEconomicsSection({ r, v }: SectionProps) {
  const { withMark } = v;
  return (
    <SectionBlock id="s-ue" s={r.unit_economics}>
      {(u) => {
        const main = [...u.features].sort((a, b) => Number(parseUsd(b.inference_cost_usd) - parseUsd(a.inference_cost_usd))).slice(0, 8);
        return main.length === 0 ? (
          <p className="note">No feature had spend in this month.</p>
        ) : (
          <>
            <ReportTable
              className="rtable narrow"
              rows={main}
              rowKey={(f) => f.feature}
              columns={[
                { head: "Feature", cellClass: "name", cell: (f) => f.feature },
                { head: "Unit", cellClass: "name", cell: (f) => f.unit_of_value },
                { head: "Units", n: true, cell: (f) => int(f.units) },
                { head: "Model calls / unit", n: true, cell: (f) => withMark(usd(f.inference_cost_per_unit_usd, 4), f.feature) },
                { head: "Fully loaded / unit", n: true, cell: (f) => usd(f.total_cost_per_unit_usd, 4) },
                { head: "Value / unit", n: true, cell: (f) => usd(f.value_per_unit_usd, 2) },
                { head: "Success", n: true, cell: (f) => pct(f.success_rate) },
                { head: "Unit margin", n: true, cell: (f) => usd(f.unit_margin_usd, 4) },
                { head: "Monthly profit", n: true, cell: (f) => usd(f.monthly_profit_usd, 2) },
                { head: "ROI", n: true, cell: (f) => (f.roi_percent == null ? "—" : `${num(f.roi_percent, 0)}%`) },
              ]}
            />
            <p className="note">
              Unit margin = value per unit × success rate − model-call cost per unit; monthly profit = unit margin × monthly volume −
              monthly fixed (harness) costs; ROI = profit / fixed costs. The fully loaded cost per unit adds the harness share and is shown
              for comparison; it is not subtracted again in the margin. “—”: no value per unit set for the feature.
            </p>
          </>
        );
      }}
    </SectionBlock>
  );
}
