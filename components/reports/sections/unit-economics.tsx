import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Board report section s-ue (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function UnitEconomicsSection({ r, v }: SectionProps) {
  const { withMark, m } = v;
  return (
    <SectionBlock id="s-ue" s={r.unitEconomics}>
      {(u) => {
        const main = [...u].sort((a, b) => Number(b.inferenceCost - a.inferenceCost)).slice(0, 8);
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
                { head: "Unit", cellClass: "name", cell: (f) => f.unitOfValue },
                { head: "Units", n: true, cell: (f) => int(f.units) },
                { head: "Model calls / unit", n: true, cell: (f) => withMark(m.money(f.inferencePerUnit, 4), f.feature) },
                { head: "Fully loaded / unit", n: true, cell: (f) => m.money(f.totalPerUnit, 4) },
                { head: "Value / unit", n: true, cell: (f) => m.money(f.valuePerUnit, 2) },
                { head: "Success", n: true, cell: (f) => pct(f.successRate) },
                { head: "Unit margin", n: true, cell: (f) => m.money(f.unitMargin, 4) },
                { head: "Monthly profit", n: true, cell: (f) => m.money(f.monthlyProfit, 2) },
                { head: "ROI", n: true, cell: (f) => (f.roiPercent == null ? "—" : `${num(f.roiPercent, 0)}%`) },
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
