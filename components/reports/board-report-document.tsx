import type { BoardReportData } from "@/lib/reports/board-report-from-wire";
import { monthLabel } from "@/lib/format";
import { SECTIONS } from "@/lib/reports/sections";
import { SECTION_COMPONENTS } from "./sections";
import { day, reportView, stamp } from "./sections/view";

/**
 * The board report: print-styled, server-rendered, the same figures as the dashboards. The cover
 * lists SECTIONS; each section is one component in ./sections, rendered in the same order.
 */
export function BoardReportDocument({ r }: { r: BoardReportData }) {
  const v = reportView(r);
  const { cb, cutoff, empty } = v;
  return (
    <article className="board">
      <section className="cover">
        <div className="cover-brand">Spendline · AI spend report</div>
        <h1>{r.organization}</h1>
        <div className="cover-month">{monthLabel(r.month)}</div>
        <div className="cover-sub">Board report{r.complete ? "" : " · month to date"}</div>
        <dl className="cover-meta">
          <dt>Period</dt>
          <dd>
            {r.period.from} to {r.period.to} (UTC, end exclusive)
          </dd>
          <dt>Data cut-off</dt>
          <dd>
            {cutoff}: events received after this moment are not included
            {cb?.status === "closed"
              ? ". The month is closed: this report and the settings it used were frozen at the close; events received later are listed as late arrivals on the Chargeback page, never folded in."
              : "."}
          </dd>
          <dt>Exported</dt>
          <dd data-testid="exported-at">{stamp(r.generatedAt)}</dd>
          {cb && (
            <>
              <dt>Chargeback</dt>
              <dd>
                {cb.mode === "chargeback" ? "Chargeback (billed to teams)" : "Showback (information only)"} · month {cb.status}
                {cb.closedAt ? `, frozen at close on ${day(cb.closedAt)}` : ""}
              </dd>
            </>
          )}
          {r.currency.note && (
            <>
              <dt>Currency</dt>
              <dd data-testid="report-currency">
                {r.currency.conversion ? `Figures in ${r.currency.code}. ` : ""}
                {r.currency.note}
              </dd>
            </>
          )}
        </dl>
        {empty && (
          <p className="empty-month" role="note" data-testid="empty-month">
            No spend was recorded for {monthLabel(r.month)}: no cost events and no fixed or shared costs. The figures below are zero because
            there is no data, not because nothing was spent — check that events were being sent, or pick another month.
          </p>
        )}
        <ol className="cover-toc" data-testid="toc">
          {SECTIONS.map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        </ol>
      </section>

      {SECTIONS.map((s) => {
        const Section = SECTION_COMPONENTS[s.id];
        return <Section key={s.id} r={r} v={v} />;
      })}
    </article>
  );
}
