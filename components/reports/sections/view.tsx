import type { BoardReportData } from "@/lib/reports/board-report-from-wire";
import { costMark, COST_MARK_SHORT } from "@/lib/metrics/cost-mark";
import type { Pico } from "@/lib/money";
import { reportMoney } from "@/lib/reports/report-money";

export const stamp = (t: Date) => t.toISOString().replace("T", " ").slice(0, 19) + " UTC";
export const day = (t: Date) => t.toISOString().slice(0, 10);
export const chg = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)}%`);
/** Signed change of an amount against the previous one, as a fraction; null when the previous is 0. */
export const change = (current: Pico, previous: Pico) =>
  previous === 0n ? null : Number(((current - previous) * 1_000_000n) / previous) / 1_000_000;

/**
 * What several sections of the board report derive from the same figures (computed once, here,
 * from the typed report): the trend shown, the previous month, the forecast, unpriced marks, and
 * the money formatters of the report's currency (decision 058).
 */
export function reportView(r: BoardReportData) {
  const cb = r.chargeback.ok ? r.chargeback.data : null;
  const trendAll = r.trend.ok ? r.trend.data : [];
  // months before the first spend carry no information: start the trend at the first month with spend (keep ≥ 2)
  const firstSpend = trendAll.findIndex((t) => t.total !== 0n);
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
  const m = reportMoney(r.currency);
  // the chargeback's own converted figures (exact, rows adding up) when it carries them in the report's currency
  const cbReporting = (m.code !== "USD" && cb?.reporting?.currency === m.code && cb.reporting.figures) || null;
  /** a chargeback figure: its converted twin when the chargeback carries one in the report's currency, else the USD amount converted */
  const cbMoney = (usdAmount: Pico, converted: Pico | null | undefined, decimals = 2) =>
    cbReporting && converted !== null && converted !== undefined ? m.converted(converted, decimals) : m.money(usdAmount, decimals);
  /** a trend month's figure; the report's own month reads the chargeback's, so the trend and the headline agree */
  const trendMoney = (t: (typeof trendAll)[number], k: "total" | "eventsCost" | "fixedCosts") =>
    t.month === r.month && cb ? cbMoney(t[k], cbReporting?.[k === "eventsCost" ? "events" : k]) : m.money(t[k], 2);
  return {
    cb,
    cbReporting,
    cbMoney,
    trendMoney,
    trendAll,
    trend,
    prev,
    comparable,
    fc: r.forecast.ok ? r.forecast.data : null,
    cutoff: stamp(r.dataCutoff),
    unpriced,
    withMark,
    m,
    /** no cost events and no fixed costs: every figure is zero for lack of data */
    empty: cb !== null && cb.events === 0 && cb.totalPico === 0n,
  };
}

export type ReportView = ReturnType<typeof reportView>;
/** What every section component receives: the typed report (all data comes through getBoardReport) and the shared view. */
export type SectionProps = { r: BoardReportData; v: ReportView };
