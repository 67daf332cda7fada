import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, num, pct, usd } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Token efficiency groups are per team here (group_by=team). */
const teamOf = (g: object) => String((g as Record<string, unknown>).team ?? "");

/** Board report section s-ter (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function TokenEfficiencySection({ r }: SectionProps) {
  return (
    <SectionBlock id="s-ter" s={r.token_efficiency}>
      {(t) =>
        t.groups.length === 0 ? (
          <p className="note">No events in this month.</p>
        ) : (
          <>
            <ReportTable
              rows={t.groups}
              rowKey={teamOf}
              columns={[
                { head: "Team", cell: teamOf },
                { head: "Input tokens", n: true, cell: (g) => int(g.input_tokens) },
                { head: "Output tokens", n: true, cell: (g) => int(g.output_tokens) },
                { head: "TER", n: true, cell: (g) => num(g.ter, 3) },
                { head: "TER prev.", n: true, cell: (g) => num(g.previous_ter, 3) },
                { head: "Success", n: true, cell: (g) => pct(g.success_rate) },
                { head: "Correct", n: true, cell: (g) => pct(g.correct_rate) },
                { head: "Cost / correct", n: true, cell: (g) => usd(g.cost_per_correct_output_usd, 4) },
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
