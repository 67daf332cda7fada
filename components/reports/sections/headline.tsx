import { SectionBlock } from "./section-block";
import type { SectionProps } from "./view";
import { changeRatio, int, monthLabel, usd } from "@/lib/format";
import { toChartNumber, parseUsd } from "@/lib/money";
import { TrendChart } from "../trend-chart";
import { ReportTable } from "../report-table";
import { chg } from "./view";

/** Board report section s-headline (lib/reports/sections.ts): all its data comes through getBoardReport. */
export function HeadlineSection({ r, v }: SectionProps) {
  const { trendAll, trend, prev, comparable, fc, empty } = v;
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
                {usd(c.total_usd, 2)}
              </div>
              <div className="kpi-sub">
                usage cost {usd(c.events_usd, 2)} + fixed and shared costs {usd(c.fixed_costs_usd, 2)}
              </div>
            </div>
            {r.complete || !fc ? (
              <div className="kpi">
                <div className="kpi-label">vs {prev ? monthLabel(prev.month) : "previous month"}</div>
                <div className="kpi-value">
                  {prev && comparable(trend.length - 1) ? chg(changeRatio(c.total_usd, prev.total_usd)) : "—"}
                </div>
                <div className="kpi-sub">
                  {!prev
                    ? "no previous month"
                    : comparable(trend.length - 1)
                      ? `${usd(prev.total_usd, 2)} previous month`
                      : `not compared: the data covers only part of ${monthLabel(prev.partial ? prev.month : r.month)}`}
                </div>
              </div>
            ) : (
              <div className="kpi">
                <div className="kpi-label">Usage cost vs same days of {prev ? monthLabel(prev.month) : "last month"}</div>
                <div className="kpi-value">{chg(fc.same_days.change)}</div>
                <div className="kpi-sub">
                  {usd(fc.same_days.cost_usd, 2)} through {fc.same_days.through} vs {usd(fc.same_days.previous_month_same_days_usd, 2)}
                </div>
              </div>
            )}
            <div className="kpi">
              <div className="kpi-label">{r.complete ? "Model calls" : "Forecast month end (usage cost)"}</div>
              <div className="kpi-value">{r.complete ? int(c.events) : fc ? usd(fc.forecast_usd, 2) : "—"}</div>
              <div className="kpi-sub">
                {r.complete
                  ? "events in the month"
                  : fc
                    ? `run-rate ${usd(fc.daily_level_usd, 2)}/day${fc.shaped ? ", weekday-shaped" : ""}; fixed costs not forecast`
                    : r.forecast.ok
                      ? "month complete"
                      : r.forecast.message}
              </div>
            </div>
          </div>
          {trend.length > 0 && (
            <figure className="keep">
              <TrendChart
                bars={trend.map((t, i) => ({
                  label: t.month,
                  events: toChartNumber(parseUsd(t.events_usd)),
                  fixed: toChartNumber(parseUsd(t.fixed_costs_usd)),
                  highlight: i === trend.length - 1,
                  forecast:
                    i === trend.length - 1 && fc
                      ? toChartNumber(parseUsd(fc.forecast_usd)) + toChartNumber(parseUsd(t.fixed_costs_usd))
                      : null,
                }))}
              />
              <figcaption>
                Spend per month, {trend.length === trendAll.length ? `last ${trend.length} months` : "since the first month with spend"}{" "}
                (fully loaded cost = usage cost of model calls + fixed and shared costs).
              </figcaption>
            </figure>
          )}
          <ReportTable
            rows={trend}
            rowKey={(t) => t.month}
            columns={[
              { head: "Month", cell: (t) => monthLabel(t.month) },
              { head: "Usage cost", n: true, cell: (t) => usd(t.events_usd, 2) },
              { head: <>Fixed &amp; shared costs</>, n: true, cell: (t) => usd(t.fixed_costs_usd, 2) },
              { head: "Fully loaded cost", n: true, cell: (t) => usd(t.total_usd, 2) },
              {
                head: "Change",
                n: true,
                cell: (t, i) => (comparable(i) ? chg(changeRatio(t.total_usd, trend[i - 1].total_usd)) : i > 0 ? "not compared" : "—"),
              },
              {
                head: "Status",
                cell: (t, i) => (
                  <>
                    {t.status}
                    {!r.complete && i === trend.length - 1
                      ? " · to date"
                      : t.partial
                        ? ` · partial (data from ${r.first_data_day ?? "—"})`
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
