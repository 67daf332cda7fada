import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, approxMark, sketchNote } from "@/lib/format";
import { ReportTable } from "../report-table";
import { costMark } from "@/lib/metrics/cost-mark";

/** Board report section s-cpi (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function CostPerInteractionSection({ r, v }: SectionProps) {
  const { unpriced, withMark, m } = v;
  return (
    <SectionBlock id="s-cpi" s={r.costPerInteraction}>
      {(c) => {
        const top = [...c.features].sort((a, b) => Number((b.mean ?? 0n) - (a.mean ?? 0n))).slice(0, 10);
        const ax = approxMark(c.percentileMethod);
        return top.length === 0 ? (
          <p className="note">No interactions started in this month.</p>
        ) : (
          <>
            <ReportTable
              rows={top}
              rowKey={(f) => f.feature}
              columns={[
                { head: "Feature", cell: (f) => f.feature },
                { head: "Interactions", n: true, cell: (f) => int(f.interactions) },
                { head: "Mean", n: true, cell: (f) => withMark(m.money(f.mean, 4), f.feature) },
                ...(["p50", "p90", "p99"] as const).map((k) => ({
                  head: (
                    <>
                      {ax}
                      {k}
                    </>
                  ),
                  n: true,
                  cell: (f: (typeof top)[number]) => (
                    <>
                      {ax}
                      {m.money(f[k], 4)}
                    </>
                  ),
                })),
                { head: "Threshold", n: true, cell: (f) => m.money(f.threshold, 2) },
                {
                  head: "Review",
                  cell: (f) =>
                    f.review ? (
                      <span className="flag">architecture review</span>
                    ) : unpriced && costMark(unpriced[f.feature]) === "unpriced" ? (
                      <span className="flag">cannot judge: unpriced</span>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
            <p className="note">
              {c.reviewCount} feature(s) flagged for architecture review: mean cost per interaction above the feature&apos;s threshold.
              Interactions belong to the month of their first event.
              {ax && ` ${sketchNote(c.percentileRelativeError, c.exactCutoffInteractions)}`}
            </p>
          </>
        );
      }}
    </SectionBlock>
  );
}
