import type { BoardReport } from "@/lib/reports/get-board-report";
import { costMark, COST_MARK_SHORT } from "@/lib/metrics/cost-mark";
import { parseUsd } from "@/lib/money";

export const stamp = (t: string) => t.replace("T", " ").slice(0, 19) + " UTC";
export const chg = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)}%`);

/**
 * What several sections of the board report derive from the same figures (computed once, here,
 * from the typed report): the trend shown, the previous month, the forecast, unpriced marks.
 */
export function reportView(r: BoardReport) {
  const cb = r.chargeback.ok ? r.chargeback.data : null;
  const trendAll = r.trend.ok ? r.trend.data : [];
  // months before the first spend carry no information: start the trend at the first month with spend (keep ≥ 2)
  const firstSpend = trendAll.findIndex((t) => parseUsd(t.total_usd) !== 0n);
  const trend = firstSpend < 0 ? trendAll.slice(-2) : trendAll.slice(Math.min(firstSpend, Math.max(trendAll.length - 2, 0)));
  const prev = trend.length >= 2 ? trend[trend.length - 2] : null;
  // a month the data covers only in part is marked and never compared (SPEC: partial periods)
  const comparable = (i: number) => i > 0 && !trend[i].partial && !trend[i - 1].partial;
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
  return {
    cb,
    trendAll,
    trend,
    prev,
    comparable,
    fc: r.forecast.ok ? r.forecast.data : null,
    cutoff: stamp(r.data_cutoff),
    unpriced,
    withMark,
    /** no cost events and no fixed costs: every figure is zero for lack of data */
    empty: cb !== null && cb.events === 0 && parseUsd(cb.total_usd) === 0n,
  };
}

export type ReportView = ReturnType<typeof reportView>;
/** What every section component receives: the report (all data comes through getBoardReport) and the shared view. */
export type SectionProps = { r: BoardReport; v: ReportView };
