import { SectionBlock } from "./section-block";
import { day, type SectionProps } from "./view";
import { int } from "@/lib/format";
import { ReportTable } from "../report-table";

/** Board report section s-actions (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function ActionsSection({ r }: SectionProps) {
  return (
    <SectionBlock id="s-actions" s={r.actions}>
      {(a) => (
        <>
          <p>
            {a.alerts_total === 0
              ? "No alert was raised about this month."
              : `${a.alerts_total} alert(s) raised: ${a.alerts_by_kind.map((k) => `${k.count} ${k.kind} (${k.severity})`).join(", ")}.`}{" "}
            {a.decisions_by_type.length === 0
              ? "Guardrails did not downgrade or block any call."
              : `Guardrails acted on ${a.decisions_by_type.reduce((s, d) => s + d.count, 0).toLocaleString("en-US")} call(s): ${a.decisions_by_type.map((d) => `${d.count.toLocaleString("en-US")} ${d.decision}`).join(", ")}.`}
          </p>
          {a.alerts.length > 0 && (
            <ReportTable
              rows={a.alerts}
              rowKey={(_, i) => i}
              columns={[
                { head: "Raised", cell: (x) => day(x.createdAt) },
                { head: "Kind", cell: (x) => x.kind },
                { head: "Severity", cell: (x) => x.severity },
                { head: "Alert", cell: (x) => x.title },
                { head: "State", cell: (x) => x.state },
              ]}
            />
          )}
          {a.decisions_by_feature.length > 0 && (
            <ReportTable
              rows={a.decisions_by_feature}
              rowKey={(d) => `${d.feature}-${d.decision}`}
              columns={[
                { head: "Feature", cell: (d) => d.feature },
                { head: "Action", cell: (d) => d.decision },
                { head: "Calls", n: true, cell: (d) => int(d.count) },
                { head: "Reason (example)", cell: (d) => d.example_reason },
              ]}
            />
          )}
        </>
      )}
    </SectionBlock>
  );
}
