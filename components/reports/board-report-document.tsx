import type { BoardReport, Section } from "@/lib/reports/get-board-report";
import { changeRatio, int, monthLabel, num, pct, usd } from "@/lib/format";
import { toChartNumber, parseUsd } from "@/lib/money";
import { approxMark, sketchNote } from "@/lib/format";
import { ShareBars, TrendChart } from "./trend-chart";
import { BillingContractsSection } from "./billing-contracts-section";
import { costMark, COST_MARK_SHORT } from "@/lib/metrics/cost-mark";

const LEVEL_LABEL: Record<string, string> = { crawl: "Crawl", walk: "Walk", run: "Run" };

function Unavailable({ s }: { s: { ok: false; message: string } }) {
  return <p className="note">{s.message}</p>;
}

function SectionBlock<T>({
  id,
  title,
  s,
  children,
  newPage,
}: {
  id: string;
  title: string;
  s: Section<T>;
  children: (data: T) => React.ReactNode;
  newPage?: boolean;
}) {
  return (
    <section className={newPage ? "rsec rsec-newpage" : "rsec"} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {s.ok ? children(s.data) : <Unavailable s={s} />}
    </section>
  );
}

const chg = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)}%`);

/** The board report: print-styled, server-rendered, the same figures as the dashboards. */
export function BoardReportDocument({ r }: { r: BoardReport }) {
  const cb = r.chargeback.ok ? r.chargeback.data : null;
  const trendAll = r.trend.ok ? r.trend.data : [];
  // months before the first spend carry no information: start the trend at the first month with spend (keep ≥ 2)
  const firstSpend = trendAll.findIndex((t) => t.total_usd !== "0.000000");
  const trend = firstSpend < 0 ? trendAll.slice(-2) : trendAll.slice(Math.min(firstSpend, Math.max(trendAll.length - 2, 0)));
  const prev = trend.length >= 2 ? trend[trend.length - 2] : null;
  const fc = r.forecast.ok ? r.forecast.data : null;
  const cutoff = r.generated_at.replace("T", " ").slice(0, 19) + " UTC";
  const unpriced = r.unpriced.ok ? r.unpriced.data : null;
  // "unpriced" / "no usage reported" beside a feature's cost, never a bare $0.00
  const mark = (feature: string) => {
    const m = unpriced ? costMark(unpriced[feature]) : null;
    return m ? <span className="flag"> {COST_MARK_SHORT[m]}</span> : null;
  };
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
          <dd>{cutoff}: events received after this moment are not included.</dd>
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
        <ol className="cover-toc">
          <li>Headline spend, trend and forecast</li>
          <li>Spend by team (chargeback)</li>
          <li>What changed and why</li>
          <li>Cost per interaction: top features and review flags</li>
          <li>Token efficiency</li>
          <li>Freemium trap</li>
          <li>Unit economics of the main features</li>
          <li>Alerts and guardrail actions</li>
          <li>Readiness level per team</li>
          <li>Reconciliation (exact figures) and definitions</li>
        </ol>
      </section>

      <SectionBlock id="s-headline" title="1. Headline spend" s={r.chargeback}>
        {(c) => (
          <>
            {empty && (
              <p className="note empty-month">No data for {monthLabel(r.month)}: every figure in this report is zero for lack of data.</p>
            )}
            <div className="kpis">
              <div className="kpi">
                <div className="kpi-label">Total AI spend {r.complete ? "" : "(month to date)"}</div>
                <div className="kpi-value" data-testid="total">
                  {usd(c.total_usd, 2)}
                </div>
                <div className="kpi-sub">
                  model calls {usd(c.events_usd, 2)} + fixed &amp; shared {usd(c.fixed_costs_usd, 2)}
                </div>
              </div>
              {r.complete || !fc ? (
                <div className="kpi">
                  <div className="kpi-label">vs {prev ? monthLabel(prev.month) : "previous month"}</div>
                  <div className="kpi-value">{prev ? chg(changeRatio(c.total_usd, prev.total_usd)) : "—"}</div>
                  <div className="kpi-sub">{prev ? `${usd(prev.total_usd, 2)} previous month` : "no previous month"}</div>
                </div>
              ) : (
                <div className="kpi">
                  <div className="kpi-label">Model calls vs same days of {prev ? monthLabel(prev.month) : "last month"}</div>
                  <div className="kpi-value">{chg(fc.same_days.change)}</div>
                  <div className="kpi-sub">
                    {usd(fc.same_days.cost_usd, 2)} through {fc.same_days.through} vs {usd(fc.same_days.previous_month_same_days_usd, 2)}
                  </div>
                </div>
              )}
              <div className="kpi">
                <div className="kpi-label">{r.complete ? "Model calls" : "Forecast month end (model calls)"}</div>
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
                  (chargeback totals: events + fixed and shared costs).
                </figcaption>
              </figure>
            )}
            <table className="rtable">
              <thead>
                <tr>
                  <th>Month</th>
                  <th className="n">Model calls</th>
                  <th className="n">Fixed &amp; shared</th>
                  <th className="n">Total</th>
                  <th className="n">Change</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {trend.map((t, i) => (
                  <tr key={t.month}>
                    <td>{monthLabel(t.month)}</td>
                    <td className="n">{usd(t.events_usd, 2)}</td>
                    <td className="n">{usd(t.fixed_costs_usd, 2)}</td>
                    <td className="n">{usd(t.total_usd, 2)}</td>
                    <td className="n">{i > 0 ? chg(changeRatio(t.total_usd, trend[i - 1].total_usd)) : "—"}</td>
                    <td>
                      {t.status}
                      {!r.complete && i === trend.length - 1 ? " · to date" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </SectionBlock>

      <SectionBlock id="s-teams" title="2. Spend by team (chargeback)" s={r.chargeback}>
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
                <table className="rtable" data-testid="chargeback">
                  <thead>
                    <tr>
                      <th>Team</th>
                      <th className="n">Direct</th>
                      <th className="n">Allocated</th>
                      <th className="n">Total</th>
                      <th className="n">Share</th>
                      <th className="n">Events</th>
                      <th className="n">Success</th>
                      <th className="n">Correct</th>
                      <th className="n">TER</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.rows.map((row) => (
                      <tr key={row.team}>
                        <td>{row.team}</td>
                        <td className="n">{usd(row.direct_usd, 2)}</td>
                        <td className="n">{usd(row.allocated_usd, 2)}</td>
                        <td className="n">
                          <strong>{usd(row.total_usd, 2)}</strong>
                        </td>
                        <td className="n">{pct(row.share)}</td>
                        <td className="n">{int(row.events)}</td>
                        <td className="n">{pct(row.success_rate)}</td>
                        <td className="n">{pct(row.correct_rate)}</td>
                        <td className="n">{num(row.ter, 3)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <td>Total</td>
                      <td className="n">{usd(c.events_usd, 2)}</td>
                      <td className="n">{usd(c.fixed_costs_usd, 2)}</td>
                      <td className="n">{usd(c.total_usd, 2)}</td>
                      <td className="n">100.0%</td>
                      <td className="n">{int(c.events)}</td>
                      <td colSpan={3}></td>
                    </tr>
                  </tfoot>
                </table>
                <p className="note">
                  Rows add up exactly to the month total (largest-remainder rounding). Exact 6-decimal figures are in the reconciliation at
                  the end.
                </p>
              </div>
            )}
          </>
        )}
      </SectionBlock>

      <SectionBlock id="s-changes" title="3. What changed and why" s={r.movers}>
        {(m) => {
          const sentences = m.flatMap((d) => d.movers.map((x) => x.sentence));
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

      <SectionBlock id="s-cpi" title="4. Cost per interaction: top features" s={r.cost_per_interaction}>
        {(c) => {
          const top = [...c.features].sort((a, b) => Number(parseUsd(b.mean_usd ?? "0") - parseUsd(a.mean_usd ?? "0"))).slice(0, 10);
          const ax = approxMark(c.percentile_method);
          return top.length === 0 ? (
            <p className="note">No interactions started in this month.</p>
          ) : (
            <>
              <table className="rtable">
                <thead>
                  <tr>
                    <th>Feature</th>
                    <th className="n">Interactions</th>
                    <th className="n">Mean</th>
                    <th className="n">{ax}p50</th>
                    <th className="n">{ax}p90</th>
                    <th className="n">{ax}p99</th>
                    <th className="n">Threshold</th>
                    <th>Review</th>
                  </tr>
                </thead>
                <tbody>
                  {top.map((f) => (
                    <tr key={f.feature}>
                      <td>{f.feature}</td>
                      <td className="n">{int(f.interactions)}</td>
                      <td className="n">
                        {usd(f.mean_usd, 4)}
                        {mark(f.feature)}
                      </td>
                      <td className="n">
                        {ax}
                        {usd(f.p50_usd, 4)}
                      </td>
                      <td className="n">
                        {ax}
                        {usd(f.p90_usd, 4)}
                      </td>
                      <td className="n">
                        {ax}
                        {usd(f.p99_usd, 4)}
                      </td>
                      <td className="n">{usd(f.threshold_usd, 2)}</td>
                      <td>
                        {f.review ? (
                          <span className="flag">architecture review</span>
                        ) : unpriced && costMark(unpriced[f.feature]) === "unpriced" ? (
                          <span className="flag">cannot judge: unpriced</span>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="note">
                {c.review.length} feature(s) flagged for architecture review: mean cost per interaction above the feature&apos;s threshold.
                Interactions belong to the month of their first event.
                {ax && ` ${sketchNote(c.percentile_relative_error, c.exact_cutoff_interactions)}`}
              </p>
            </>
          );
        }}
      </SectionBlock>

      <SectionBlock id="s-ter" title="5. Token efficiency by team" s={r.token_efficiency}>
        {(t) =>
          t.groups.length === 0 ? (
            <p className="note">No events in this month.</p>
          ) : (
            <>
              <table className="rtable">
                <thead>
                  <tr>
                    <th>Team</th>
                    <th className="n">Input tokens</th>
                    <th className="n">Output tokens</th>
                    <th className="n">TER</th>
                    <th className="n">TER prev.</th>
                    <th className="n">Success</th>
                    <th className="n">Correct</th>
                    <th className="n">Cost / correct</th>
                  </tr>
                </thead>
                <tbody>
                  {t.groups.map((g) => {
                    const name = String((g as Record<string, unknown>).team ?? "");
                    return (
                      <tr key={name}>
                        <td>{name}</td>
                        <td className="n">{int(g.input_tokens)}</td>
                        <td className="n">{int(g.output_tokens)}</td>
                        <td className="n">{num(g.ter, 3)}</td>
                        <td className="n">{num(g.previous_ter, 3)}</td>
                        <td className="n">{pct(g.success_rate)}</td>
                        <td className="n">{pct(g.correct_rate)}</td>
                        <td className="n">{usd(g.cost_per_correct_output_usd, 4)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="note">
                TER = output tokens / input tokens, shown beside success and correct rates so that efficiency is not bought with quality.
              </p>
            </>
          )
        }
      </SectionBlock>

      <SectionBlock id="s-freemium" title="6. Freemium trap" s={r.freemium}>
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
              <table className="rtable">
                <thead>
                  <tr>
                    <th>Tenant</th>
                    <th className="n">30-day cost</th>
                    <th>Main model</th>
                    <th>Recommended action</th>
                  </tr>
                </thead>
                <tbody>
                  {f.list
                    .filter((x) => x.trapped)
                    .slice(0, 8)
                    .map((x) => (
                      <tr key={x.tenant_id}>
                        <td>{x.tenant_id}</td>
                        <td className="n">{usd(x.cost_30d_usd, 2)}</td>
                        <td>{x.main_model ?? "—"}</td>
                        <td>{x.action}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </SectionBlock>

      <SectionBlock id="s-ue" title="7. Unit economics of the main features" s={r.unit_economics}>
        {(u) => {
          const main = [...u.features].sort((a, b) => Number(parseUsd(b.inference_cost_usd) - parseUsd(a.inference_cost_usd))).slice(0, 8);
          return main.length === 0 ? (
            <p className="note">No feature had spend in this month.</p>
          ) : (
            <>
              <table className="rtable narrow">
                <thead>
                  <tr>
                    <th>Feature</th>
                    <th>Unit</th>
                    <th className="n">Units</th>
                    <th className="n">Model calls / unit</th>
                    <th className="n">Fully loaded / unit</th>
                    <th className="n">Value / unit</th>
                    <th className="n">Success</th>
                    <th className="n">Unit margin</th>
                    <th className="n">Monthly profit</th>
                    <th className="n">ROI</th>
                  </tr>
                </thead>
                <tbody>
                  {main.map((f) => (
                    <tr key={f.feature}>
                      <td className="name">{f.feature}</td>
                      <td className="name">{f.unit_of_value}</td>
                      <td className="n">{int(f.units)}</td>
                      <td className="n">
                        {usd(f.inference_cost_per_unit_usd, 4)}
                        {mark(f.feature)}
                      </td>
                      <td className="n">{usd(f.total_cost_per_unit_usd, 4)}</td>
                      <td className="n">{usd(f.value_per_unit_usd, 2)}</td>
                      <td className="n">{pct(f.success_rate)}</td>
                      <td className="n">{usd(f.unit_margin_usd, 4)}</td>
                      <td className="n">{usd(f.monthly_profit_usd, 2)}</td>
                      <td className="n">{f.roi_percent == null ? "—" : `${num(f.roi_percent, 0)}%`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="note">
                Unit margin = value per unit × success rate − model-call cost per unit; monthly profit = unit margin × monthly volume −
                monthly fixed (harness) costs; ROI = profit / fixed costs. The fully loaded cost per unit adds the harness share and is
                shown for comparison; it is not subtracted again in the margin. “—”: no value per unit set for the feature.
              </p>
            </>
          );
        }}
      </SectionBlock>

      <SectionBlock id="s-actions" title="8. Alerts and guardrail actions" s={r.actions}>
        {(a) => (
          <>
            <p>
              {a.alerts_total === 0
                ? "No alert was recorded for this month."
                : `${a.alerts_total} alert(s) raised: ${a.alerts_by_kind.map((k) => `${k.count} ${k.kind} (${k.severity})`).join(", ")}.`}{" "}
              {a.decisions_by_type.length === 0
                ? "Guardrails did not downgrade or block any call."
                : `Guardrails acted on ${a.decisions_by_type.reduce((s, d) => s + d.count, 0).toLocaleString("en-US")} call(s): ${a.decisions_by_type.map((d) => `${d.count.toLocaleString("en-US")} ${d.decision}`).join(", ")}.`}
            </p>
            {a.alerts.length > 0 && (
              <table className="rtable">
                <thead>
                  <tr>
                    <th>Raised</th>
                    <th>Kind</th>
                    <th>Severity</th>
                    <th>Alert</th>
                    <th>State</th>
                  </tr>
                </thead>
                <tbody>
                  {a.alerts.map((x, i) => (
                    <tr key={i}>
                      <td>{x.createdAt.slice(0, 10)}</td>
                      <td>{x.kind}</td>
                      <td>{x.severity}</td>
                      <td>{x.title}</td>
                      <td>{x.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {a.decisions_by_feature.length > 0 && (
              <table className="rtable">
                <thead>
                  <tr>
                    <th>Feature</th>
                    <th>Action</th>
                    <th className="n">Calls</th>
                    <th>Reason (example)</th>
                  </tr>
                </thead>
                <tbody>
                  {a.decisions_by_feature.map((d) => (
                    <tr key={`${d.feature}-${d.decision}`}>
                      <td>{d.feature}</td>
                      <td>{d.decision}</td>
                      <td className="n">{int(d.count)}</td>
                      <td>{d.example_reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </SectionBlock>

      <SectionBlock id="s-readiness" title="9. Readiness level per team" s={r.readiness}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="note">No team had submitted a readiness assessment by the end of this month (Assessment page).</p>
          ) : (
            <table className="rtable">
              <thead>
                <tr>
                  <th>Team</th>
                  <th className="n">Score</th>
                  <th>Level</th>
                  <th>Assessed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td>{a.team ?? "Whole organisation"}</td>
                    <td className="n">{a.score} / 13</td>
                    <td>{a.level ? LEVEL_LABEL[a.level] : "—"}</td>
                    <td>{a.submitted_at?.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SectionBlock>

      <BillingContractsSection s={r.billing} title="10. Billing and contracts" trueUpUsd={cb?.true_up_usd} />

      <SectionBlock id="s-recon" title="11. Reconciliation and definitions" s={r.chargeback} newPage>
        {(c) => (
          <>
            <table className="rtable" data-testid="reconciliation">
              <thead>
                <tr>
                  <th>Team</th>
                  <th className="n">Direct (USD)</th>
                  <th className="n">Allocated (USD)</th>
                  <th className="n">Total (USD)</th>
                </tr>
              </thead>
              <tbody>
                {c.rows.map((row) => (
                  <tr key={row.team}>
                    <td>{row.team}</td>
                    <td className="n">{row.direct_usd}</td>
                    <td className="n">{row.allocated_usd}</td>
                    <td className="n">{row.total_usd}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>Month total</td>
                  <td className="n">{c.events_usd}</td>
                  <td className="n">{c.fixed_costs_usd}</td>
                  <td className="n">{c.total_usd}</td>
                </tr>
              </tfoot>
            </table>
            <ul className="defs">
              <li>
                Figures are exact decimal sums rounded once to 6 decimals (half-even), the same as{" "}
                <code>GET /api/v1/reports/chargeback?month={r.month}</code>.
              </li>
              <li>
                Events count in the month of their timestamp (UTC); fixed and shared costs are spread per day over their period and
                allocated by their rule.
              </li>
              <li>Interaction = one session within one feature; an event with no session is its own interaction.</li>
              <li>Data cut-off {cutoff}. Re-rendering a closed month gives the same figures; an open month changes as events arrive.</li>
            </ul>
          </>
        )}
      </SectionBlock>
    </article>
  );
}
