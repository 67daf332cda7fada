import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Board report section s-ter (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function TokenEfficiencySection({ r, v }: SectionProps) {
  const { m } = v;
  return (
    <SectionBlock id="s-ter" s={r.tokenEfficiency}>
      {(t) =>
        t.groups.length === 0 ? (
          <p className="note">No events in this month.</p>
        ) : (
          <>
            <ReportTable
              rows={t.groups}
              rowKey={(g) => g.key}
              columns={[
                { head: "Team", cell: (g) => g.key },
                { head: "Input tokens", n: true, cell: (g) => int(g.inputTokens) },
                { head: "Output tokens", n: true, cell: (g) => int(g.outputTokens) },
                { head: "TER", n: true, cell: (g) => num(g.ter, 3) },
                { head: "TER prev.", n: true, cell: (g) => num(g.previousTer, 3) },
                { head: "Success", n: true, cell: (g) => pct(g.successRate) },
                { head: "Correct", n: true, cell: (g) => pct(g.correctRate) },
                { head: "Cost / correct", n: true, cell: (g) => m.money(g.costPerCorrectOutput, 4) },
              ]}
            />
            <p className="note">
              TER = output tokens / input tokens, shown beside success and correct rates so that efficiency is not bought with quality.
            </p>
          </>
        )
      }
    </SectionBlock>
  );
}
