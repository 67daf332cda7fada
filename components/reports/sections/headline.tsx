import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { int, monthLabel } from "@/lib/format";
import { TrendChart } from "../trend-chart";
import { ReportTable } from "../report-table";
import { change, chg } from "./view";

/** Board report section s-headline (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function HeadlineSection({ r, v }: SectionProps) {
  const { trendAll, trend, prev, comparable, fc, empty, m, cbMoney, cbReporting, trendMoney } = v;
  return (
    <SectionBlock id="s-headline" s={r.chargeback}>
      {(c) => (
        <>
          {empty && (
            <p className="note empty-month">No data for {monthLabel(r.month)}: every figure in this report is zero for lack of data.</p>
          )}
          <div className="kpis">
            <div className="kpi">
              <div className="kpi-label">Fully loaded cost {r.complete ? "" : "(month to date)"}</div>
              <div className="kpi-value" data-testid="total">
                {cbMoney(c.totalPico, cbReporting?.total)}
              </div>
              <div className="kpi-sub">
                usage cost {cbMoney(c.eventsPico, cbReporting?.events)} + fixed and shared costs{" "}
                {cbMoney(c.fixedCostsPico, cbReporting?.fixedCosts)}
              </div>
            </div>
            {r.complete || !fc ? (
              <div className="kpi">
                <div className="kpi-label">vs {prev ? monthLabel(prev.month) : "previous month"}</div>
                <div className="kpi-value">{prev && comparable(trend.length - 1) ? chg(change(c.totalPico, prev.total)) : "—"}</div>
                <div className="kpi-sub">
                  {!prev
                    ? "no previous month"
                    : comparable(trend.length - 1)
                      ? `${trendMoney(prev, "total")} previous month`
                      : `not compared: the data covers only part of ${monthLabel(prev.partial ? prev.month : r.month)}`}
                </div>
              </div>
            ) : (
              <div className="kpi">
                <div className="kpi-label">Usage cost vs same days of {prev ? monthLabel(prev.month) : "last month"}</div>
                <div className="kpi-value">{chg(fc.sameDays.change)}</div>
                <div className="kpi-sub">
                  {m.money(fc.sameDays.cost, 2)} through {fc.sameDays.through} vs {m.money(fc.sameDays.previousMonthSameDays, 2)}
                </div>
              </div>
            )}
            <div className="kpi">
              <div className="kpi-label">{r.complete ? "Model calls" : "Forecast month end (usage cost)"}</div>
              <div className="kpi-value">{r.complete ? int(c.events) : fc ? m.money(fc.forecast, 2) : "—"}</div>
              <div className="kpi-sub">
                {r.complete
                  ? "events in the month"
                  : fc
                    ? `run-rate ${m.money(fc.dailyLevel, 2)}/day${fc.shaped ? ", weekday-shaped" : ""}; fixed costs not forecast`
                    : r.forecast.ok
                      ? "month complete"
                      : r.forecast.message}
              </div>
            </div>
          </div>
          {trend.length > 0 && (
            <figure className="keep">
              <TrendChart
                short={m.short}
                bars={trend.map((t, i) => ({
                  label: t.month,
                  events: m.chart(t.eventsCost),
                  fixed: m.chart(t.fixedCosts),
                  highlight: i === trend.length - 1,
                  forecast: i === trend.length - 1 && fc ? m.chart(fc.forecast) + m.chart(t.fixedCosts) : null,
                }))}
              />
              <figcaption>
                Spend per month, {trend.length === trendAll.length ? `last ${trend.length} months` : "since the first month with spend"}{" "}
                (fully loaded cost = usage cost of model calls + fixed and shared costs)
                {m.code !== "USD" ? `, in ${m.code} at one rate (${r.currency.rate} of ${r.currency.rateDate})` : ""}.
              </figcaption>
            </figure>
          )}
          <ReportTable
            rows={trend}
            rowKey={(t) => t.month}
            columns={[
              { head: "Month", cell: (t) => monthLabel(t.month) },
              { head: "Usage cost", n: true, cell: (t) => trendMoney(t, "eventsCost") },
              { head: <>Fixed &amp; shared costs</>, n: true, cell: (t) => trendMoney(t, "fixedCosts") },
              { head: "Fully loaded cost", n: true, cell: (t) => trendMoney(t, "total") },
              {
                head: "Change",
                n: true,
                cell: (t, i) => (comparable(i) ? chg(change(t.total, trend[i - 1].total)) : i > 0 ? "not compared" : "—"),
              },
              {
                head: "Status",
                cell: (t, i) => (
                  <>
                    {t.status}
                    {!r.complete && i === trend.length - 1
                      ? " · to date"
                      : t.partial
                        ? ` · partial (data from ${r.firstDataDay ?? "—"})`
                        : ""}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </SectionBlock>
  );
}
