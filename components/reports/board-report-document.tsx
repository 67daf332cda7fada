import type { BoardReport, Section } from "@/lib/reports/get-board-report";
import { changeRatio, int, monthLabel, num, pct, usd } from "@/lib/format";
import { toChartNumber, parseUsd } from "@/lib/money";
import { approxMark, sketchNote } from "@/lib/format";
import { ShareBars, TrendChart } from "./trend-chart";
import { BillingContractsSection } from "./billing-contracts-section";
import { ReportTable } from "./report-table";
import { costMark, COST_MARK_SHORT } from "@/lib/metrics/cost-mark";
import { SECTIONS, sectionHeading, type SectionId } from "@/lib/reports/sections";
import { OpportunitiesSection } from "./opportunities-section";
import { CodingAgentsSection } from "./coding-agents-section";

const LEVEL_LABEL: Record<string, string> = { crawl: "Crawl", walk: "Walk", run: "Run" };

function Unavailable({ s }: { s: { ok: false; message: string } }) {
  return <p className="note">{s.message}</p>;
}

function SectionBlock<T>({
  id,
  s,
  children,
  newPage,
}: {
  id: SectionId;
  s: Section<T>;
  children: (data: T) => React.ReactNode;
  newPage?: boolean;
}) {
  return (
    <section className={newPage ? "rsec rsec-newpage" : "rsec"} aria-labelledby={id}>
      <h2 id={id}>{sectionHeading(id)}</h2>
      {s.ok ? children(s.data) : <Unavailable s={s} />}
    </section>
  );
}

/** Token efficiency groups are per team here (group_by=team). */
const teamOf = (g: object) => String((g as Record<string, unknown>).team ?? "");

const chg = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)}%`);

/** The board report: print-styled, server-rendered, the same figures as the dashboards. */
export function BoardReportDocument({ r }: { r: BoardReport }) {
  const cb = r.chargeback.ok ? r.chargeback.data : null;
  const trendAll = r.trend.ok ? r.trend.data : [];
  // months before the first spend carry no information: start the trend at the first month with spend (keep ≥ 2)
  const firstSpend = trendAll.findIndex((t) => t.total_usd !== "0.000000");
  const trend = firstSpend < 0 ? trendAll.slice(-2) : trendAll.slice(Math.min(firstSpend, Math.max(trendAll.length - 2, 0)));
  const prev = trend.length >= 2 ? trend[trend.length - 2] : null;
  // a month the data covers only in part is marked and never compared (SPEC: partial periods)
  const comparable = (i: number) => i > 0 && !trend[i].partial && !trend[i - 1].partial;
  const fc = r.forecast.ok ? r.forecast.data : null;
  const stamp = (t: string) => t.replace("T", " ").slice(0, 19) + " UTC";
  const cutoff = stamp(r.data_cutoff);
  const unpriced = r.unpriced.ok ? r.unpriced.data : null;
  // "unpriced" / "no usage reported" beside a feature's cost, never a bare $0.00
  const mark = (feature: string) => {
    const m = unpriced ? costMark(unpriced[feature]) : null;
    return m ? <span className="flag"> {COST_MARK_SHORT[m]}</span> : null;
  };
  const withMark = (figure: string, feature: string) => (
    <>
      {figure}
      {mark(feature)}
    </>
  );
  const empty = cb !== null && cb.events === 0 && cb.total_usd === "0.000000";
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
          <dd data-testid="exported-at">{stamp(r.generated_at)}</dd>
          {cb && (
            <>
              <dt>Chargeback</dt>
              <dd>
                {cb.mode === "chargeback" ? "Chargeback (billed to teams)" : "Showback (information only)"} · month {cb.status}
                {cb.closed_at ? `, frozen at close on ${cb.closed_at.slice(0, 10)}` : ""}
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

      <SectionBlock id="s-teams" s={r.chargeback}>
        {(c) => (
          <>
            {c.rows.length === 0 ? (
              <p className="note">No spend in this month.</p>
            ) : (
              <div className="keep">
                <figure className="keep">
                  <ShareBars
                    rows={c.rows.map((row) => ({
                      label: row.team,
                      value: toChartNumber(parseUsd(row.total_usd)),
                      text: `${usd(row.total_usd, 2)} · ${pct(row.share)}`,
                    }))}
                  />
                </figure>
                <ReportTable
                  testId="chargeback"
                  rows={c.rows}
                  rowKey={(row) => row.team}
                  columns={[
                    { head: "Team", cell: (row) => row.team },
                    { head: "Usage cost", n: true, cell: (row) => usd(row.direct_usd, 2) },
                    { head: "Fixed & shared", n: true, cell: (row) => usd(row.allocated_usd, 2) },
                    { head: "Fully loaded", n: true, cell: (row) => <strong>{usd(row.total_usd, 2)}</strong> },
                    { head: "Share", n: true, cell: (row) => pct(row.share) },
                    { head: "Events", n: true, cell: (row) => int(row.events) },
                    { head: "Success", n: true, cell: (row) => pct(row.success_rate) },
                    { head: "Correct", n: true, cell: (row) => pct(row.correct_rate) },
                    { head: "TER", n: true, cell: (row) => num(row.ter, 3) },
                  ]}
                  foot={
                    <tr>
                      <td>Total</td>
                      <td className="n">{usd(c.events_usd, 2)}</td>
                      <td className="n">{usd(c.fixed_costs_usd, 2)}</td>
                      <td className="n">{usd(c.total_usd, 2)}</td>
                      <td className="n">100.0%</td>
                      <td className="n">{int(c.events)}</td>
                      <td colSpan={3}></td>
                    </tr>
                  }
                />
                <p className="note">
                  Rows add up exactly to the month total (largest-remainder rounding). Exact 6-decimal figures are in the reconciliation at
                  the end.
                </p>
              </div>
            )}
          </>
        )}
      </SectionBlock>

      <SectionBlock id="s-changes" s={r.movers}>
        {(m) => {
          const sentences = m.flatMap((d) => d.movers.map((x) => x.sentence));
          const before = trendAll.length >= 2 ? trendAll[trendAll.length - 2] : null;
          if (before?.partial || (r.first_data_day !== null && r.first_data_day > `${r.month}-01`))
            return (
              <p className="note">
                Not compared with {before ? monthLabel(before.month) : "the previous month"}: the data starts on {r.first_data_day}, so the
                comparison would show growth that is only missing data.
              </p>
            );
          return sentences.length === 0 ? (
            <p className="note">No change in spend by team, feature or model against the previous month.</p>
          ) : (
            <div className="grid3 keep">
              {m.map((d) => (
                <div key={d.dimension}>
                  <h3>By {d.dimension}</h3>
                  {d.movers.length === 0 ? (
                    <p className="note">No change.</p>
                  ) : (
                    <ul>
                      {d.movers.map((x) => (
                        <li key={x.key}>{x.sentence}</li>
                      ))}
                    </ul>
                  )}
                </div>
              ))}
            </div>
          );
        }}
      </SectionBlock>

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

      <SectionBlock id="s-freemium" s={r.freemium}>
        {(f) => (
          <div className="keep">
            <div className="kpis">
              <div className="kpi">
                <div className="kpi-label">Free tenants (cohort)</div>
                <div className="kpi-value">{int(f.tenants)}</div>
                <div className="kpi-sub">first-30-day window, as of {f.as_of}</div>
              </div>
              <div className="kpi">
                <div className="kpi-label">Trapped</div>
                <div className="kpi-value">
                  {int(f.trapped)} · {pct(f.trapped_share)}
                </div>
                <div className="kpi-sub">30-day cost above predicted LTV {usd(f.predicted_ltv_usd, 2)}</div>
              </div>
              <div className="kpi">
                <div className="kpi-label">Subsidy ratio</div>
                <div className="kpi-value">{f.subsidy.ratio === null ? "—" : pct(f.subsidy.ratio)}</div>
                <div className="kpi-sub">
                  free-tier cost {usd(f.subsidy.free_tier_cost_usd, 2)} vs paid revenue {usd(f.subsidy.paid_revenue_usd, 2)}
                </div>
              </div>
            </div>
            {f.list.filter((x) => x.trapped).length > 0 && (
              <ReportTable
                rows={f.list.filter((x) => x.trapped).slice(0, 8)}
                rowKey={(x) => x.tenant_id}
                columns={[
                  { head: "Tenant", cell: (x) => x.tenant_id },
                  { head: "30-day cost", n: true, cell: (x) => usd(x.cost_30d_usd, 2) },
                  { head: "Main model", cell: (x) => x.main_model ?? "—" },
                  { head: "Recommended action", cell: (x) => x.action },
                ]}
              />
            )}
          </div>
        )}
      </SectionBlock>

      <SectionBlock id="s-ue" s={r.unit_economics}>
        {(u) => {
          const main = [...u.features].sort((a, b) => Number(parseUsd(b.inference_cost_usd) - parseUsd(a.inference_cost_usd))).slice(0, 8);
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
                  { head: "Unit", cellClass: "name", cell: (f) => f.unit_of_value },
                  { head: "Units", n: true, cell: (f) => int(f.units) },
                  { head: "Model calls / unit", n: true, cell: (f) => withMark(usd(f.inference_cost_per_unit_usd, 4), f.feature) },
                  { head: "Fully loaded / unit", n: true, cell: (f) => usd(f.total_cost_per_unit_usd, 4) },
                  { head: "Value / unit", n: true, cell: (f) => usd(f.value_per_unit_usd, 2) },
                  { head: "Success", n: true, cell: (f) => pct(f.success_rate) },
                  { head: "Unit margin", n: true, cell: (f) => usd(f.unit_margin_usd, 4) },
                  { head: "Monthly profit", n: true, cell: (f) => usd(f.monthly_profit_usd, 2) },
                  { head: "ROI", n: true, cell: (f) => (f.roi_percent == null ? "—" : `${num(f.roi_percent, 0)}%`) },
                ]}
              />
              <p className="note">
                Unit margin = value per unit × success rate − model-call cost per unit; monthly profit = unit margin × monthly volume −
                monthly fixed (harness) costs; ROI = profit / fixed costs. The fully loaded cost per unit adds the harness share and is
                shown for comparison; it is not subtracted again in the margin. “—”: no value per unit set for the feature.
              </p>
            </>
          );
        }}
      </SectionBlock>

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
                  { head: "Raised", cell: (x) => x.createdAt.slice(0, 10) },
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
                { head: "Assessed", cell: (a) => a.submitted_at?.slice(0, 10) },
              ]}
            />
          )
        }
      </SectionBlock>

      <BillingContractsSection s={r.billing} title={sectionHeading("s-billing")} trueUpUsd={cb?.true_up_usd} />

      <CodingAgentsSection agents={r.coding_agents} shadow={r.shadow_ai} title={sectionHeading("s-agents")} month={r.month} />

      <OpportunitiesSection s={r.opportunities} title={sectionHeading("s-opportunities")} />

      <SectionBlock id="s-recon" s={r.chargeback} newPage>
        {(c) => (
          <>
            <ReportTable
              testId="reconciliation"
              rows={c.rows}
              rowKey={(row) => row.team}
              columns={[
                { head: "Team", cell: (row) => row.team },
                { head: "Usage cost (USD)", n: true, cell: (row) => row.direct_usd },
                { head: "Fixed & shared (USD)", n: true, cell: (row) => row.allocated_usd },
                { head: "Fully loaded (USD)", n: true, cell: (row) => row.total_usd },
              ]}
              foot={
                <tr>
                  <td>Month total</td>
                  <td className="n">{c.events_usd}</td>
                  <td className="n">{c.fixed_costs_usd}</td>
                  <td className="n">{c.total_usd}</td>
                </tr>
              }
            />
            <ul className="defs">
              <li>
                <strong>Usage cost</strong>: priced model calls. <strong>Fixed and shared costs</strong>: licences, harness and platform
                costs spread over their period and allocated by rule. <strong>Fully loaded cost</strong> = usage cost + fixed and shared
                costs (the chargeback total). <strong>Invoiced</strong>: what a provider billed. <strong>Attributed</strong>: the usage cost
                that matches an invoice&apos;s provider and period.
              </li>
              <li>
                Figures are exact decimal sums rounded once to 6 decimals (half-even), the same as{" "}
                <code>GET /api/v1/reports/chargeback?month={r.month}</code>.
              </li>
              <li>
                Events count in the month of their timestamp (UTC); fixed and shared costs are spread per day over their period and
                allocated by their rule.
              </li>
              <li>Interaction = one session within one feature; an event with no session is its own interaction.</li>
              <li>
                Data cut-off {cutoff}.{" "}
                {cb?.status === "closed"
                  ? "The month is closed: re-exporting it gives this same document (only the export time differs) until an admin reopens it."
                  : "The month is open: its figures change as events arrive; closing it freezes this report."}
              </li>
            </ul>
          </>
        )}
      </SectionBlock>
    </article>
  );
}
