import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, usd, approxMark, sketchNote } from "@/lib/format";
import { parseUsd } from "@/lib/money";
import { ReportTable } from "../report-table";
import { costMark } from "@/lib/metrics/cost-mark";

/** Board report section s-cpi (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function CostPerInteractionSection({ r, v }: SectionProps) {
  const { unpriced, withMark } = v;
  return (
    <SectionBlock id="s-cpi" s={r.cost_per_interaction}>
      {(c) => {
        const top = [...c.features].sort((a, b) => Number(parseUsd(b.mean_usd ?? "0") - parseUsd(a.mean_usd ?? "0"))).slice(0, 10);
        const ax = approxMark(c.percentile_method);
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
                { head: "Mean", n: true, cell: (f) => withMark(usd(f.mean_usd, 4), f.feature) },
                ...(["p50_usd", "p90_usd", "p99_usd"] as const).map((k) => ({
                  head: (
                    <>
                      {ax}
                      {k.slice(0, 3)}
                    </>
                  ),
                  n: true,
                  cell: (f: (typeof top)[number]) => (
                    <>
                      {ax}
                      {usd(f[k], 4)}
                    </>
                  ),
                })),
                { head: "Threshold", n: true, cell: (f) => usd(f.threshold_usd, 2) },
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
              {c.review.length} feature(s) flagged for architecture review: mean cost per interaction above the feature&apos;s threshold.
              Interactions belong to the month of their first event.
              {ax && ` ${sketchNote(c.percentile_relative_error, c.exact_cutoff_interactions)}`}
            </p>
          </>
        );
      }}
    </SectionBlock>
  );
}
