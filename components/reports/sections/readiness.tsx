import { SectionBlock } from "./section-block";
import { day, type SectionProps } from "./view";
import { ReportTable } from "../report-table";

const LEVEL_LABEL: Record<string, string> = { crawl: "Crawl", walk: "Walk", run: "Run" };

/** Board report section s-readiness (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function ReadinessSection({ r }: SectionProps) {
  return (
    <SectionBlock id="s-readiness" s={r.readiness}>
      {(rows) =>
        rows.length === 0 ? (
          <p className="note">No team had submitted a readiness assessment by the end of this month (Assessment page).</p>
        ) : (
          <ReportTable
            rows={rows}
            rowKey={(a) => a.id}
            columns={[
              { head: "Team", cell: (a) => a.team ?? "Whole organisation" },
              { head: "Score", n: true, cell: (a) => <>{a.score} / 13</> },
              { head: "Level", cell: (a) => (a.level ? LEVEL_LABEL[a.level] : "—") },
              { head: "Assessed", cell: (a) => (a.submittedAt ? day(a.submittedAt) : undefined) },
            ]}
          />
        )
      }
    </SectionBlock>
  );
}
