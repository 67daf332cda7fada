import "server-only";
import { AppError } from "../core/errors";
import { latestPerTeam } from "../assessment/manage-assessments";
import { forecastMonthEnd } from "../budgets/forecast";
import { getChargeback, type Chargeback } from "../chargeback/get-chargeback";
import { monthRange, previousMonth, DAY_MS as DAY } from "../time";
import { dbRead } from "../db";
import { costPerInteractionToWire, readCostPerInteraction } from "../metrics/get-cost-per-interaction";
import { getFreemiumTrap } from "../metrics/get-freemium-trap";
import { monthToDateToWire, readOverview } from "../metrics/get-overview";
import { readTokenEfficiency, tokenEfficiencyToWire } from "../metrics/get-token-efficiency";
import { readUnitEconomics, unitEconomicsToWire } from "../metrics/get-unit-economics";
import { formatUsd6 } from "../money";
import { loadActions, moversToWire, readMovers } from "./load-report-extras";
import { readReportCurrency } from "./report-currency";
import { loadBoardBilling } from "../billing/board-billing";
import { loadUnpriced } from "../metrics/unpriced";
import { findOpportunities } from "../opportunities/get-opportunities";
import { listDrafts } from "../opportunities/manage-drafts";
import { loadBoardCodingAgents, loadBoardShadowAi } from "./load-agents-shadow";

/**
 * Everything the board report shows for one month, read through the same functions as the
 * dashboards and the chargeback API (so the numbers agree by construction). Each section is
 * loaded independently: one that fails says so in the report instead of sinking the whole PDF.
 */
export type Section<T> = { ok: true; data: T } | { ok: false; message: string };

async function section<T>(name: string, load: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (err) {
    console.error(`[board-report] section ${name} failed:`, err);
    return { ok: false, message: `This section could not be computed (${(err as Error).message ?? "error"}); the error was logged.` };
  }
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
export const TREND_MONTHS = 6;

/** The savings opportunities and the drafts decided so far, as of `now` (frozen with the month at close). */
async function loadOpportunities(organizationId: string, now: Date) {
  const [r, drafts] = await Promise.all([findOpportunities(organizationId, now), listDrafts(organizationId, {}, now)]);
  return {
    window: r.window,
    top: r.opportunities
      .slice(0, 8)
      .map((o) => ({ id: o.id, title: o.title, owner_team: o.owner_team, monthly_saving_usd: formatUsd6(o.saving) })),
    decided: drafts
      .filter((d) => d.status === "applied" || d.status === "approved")
      .slice(0, 8)
      .map((d) => ({
        id: d.id,
        title: d.title,
        decided_at: d.decided_at,
        estimated_monthly_saving_usd: d.estimated_monthly_saving_usd,
        realised: d.realised,
      })),
  };
}

/** The first day with any data (UTC, YYYY-MM-DD), or null: months before it or starting before it are partial. */
async function firstDataDay(organizationId: string): Promise<string | null> {
  const [row] = await dbRead().$queryRaw<{ first: Date | null }[]>`
    SELECT MIN(day) AS first FROM "DailyRollup" WHERE "organizationId" = ${organizationId}`;
  return row?.first ? iso(row.first) : null;
}

/**
 * The board report of a month. A closed month answers the report frozen at its close
 * (docs/decisions/037-closed-month-reports.md): the same figures and the settings they used,
 * whatever arrived or changed since; only `generated_at` (the export time) differs.
 */
export async function getBoardReport(organizationId: string, month: string, now = new Date()): Promise<BoardReport> {
  const { from } = monthRange(month);
  if (from > now) throw new AppError("bad_request", `${month} has not started yet: pick the current or an earlier month.`);
  const period = await dbRead().chargebackPeriod.findUnique({
    where: { organizationId_month: { organizationId, month } },
    select: { status: true, reports: true },
  });
  const frozen = period?.status === "closed" ? (period.reports as { board?: BoardReport } | null)?.board : undefined;
  if (frozen) return { ...frozen, generated_at: now.toISOString() };
  return computeBoardReport(organizationId, month, now);
}

/** The live board report (what close-month freezes). */
export async function computeBoardReport(organizationId: string, month: string, now = new Date()) {
  const { from, to } = monthRange(month);
  if (from > now) throw new AppError("bad_request", `${month} has not started yet: pick the current or an earlier month.`);
  const complete = to <= now;
  const period = { from: iso(from), to: iso(to) };
  const lastDay = iso(new Date(Math.min(to.getTime(), now.getTime() + DAY) - DAY));

  const org = await dbRead().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, slug: true } });
  const months: string[] = [month];
  for (let i = 1; i < TREND_MONTHS; i++) months.unshift(previousMonth(months[0]));

  const [
    chargebacks,
    cpi,
    efficiency,
    freemium,
    unitEconomics,
    movers,
    actions,
    readiness,
    forecast,
    billing,
    unpriced,
    opportunities,
    codingAgents,
    shadowAi,
    first,
    currency,
  ] = await Promise.all([
    section("trend", () => Promise.all(months.map((m) => getChargeback(organizationId, m)))),
    // the document freezes each section in its API form (decision 037): typed readers, one toWire each
    section("cost_per_interaction", async () =>
      costPerInteractionToWire(await readCostPerInteraction(organizationId, { ...period, group_by: "feature" }, now)),
    ),
    section("token_efficiency", async () =>
      tokenEfficiencyToWire(await readTokenEfficiency(organizationId, { ...period, group_by: "team" }, now)),
    ),
    section("freemium", () => getFreemiumTrap(organizationId, { ...period, as_of: lastDay }, now)),
    section("unit_economics", async () => unitEconomicsToWire(await readUnitEconomics(organizationId, period, now))),
    section("movers", async () => moversToWire(await readMovers(organizationId, month))),
    section("actions", () => loadActions(organizationId, from, to)),
    section("readiness", () => latestPerTeam(organizationId, to)),
    section("forecast", async () => {
      if (complete) return null;
      // daily event cost of the last 5 weeks through today, from the overview (same rollups as the dashboard)
      const ov = await readOverview(
        organizationId,
        { from: iso(new Date(from.getTime() - 35 * DAY)), to: iso(new Date(now.getTime() + DAY)) },
        now,
      );
      const daily = new Map(ov.costByDay.points.map((p) => [p.day, p.cost]));
      const f = forecastMonthEnd(daily, now);
      return {
        month_to_date_usd: formatUsd6(f.monthToDatePico),
        forecast_usd: formatUsd6(f.forecastPico),
        daily_level_usd: formatUsd6(f.dailyLevelPico),
        shaped: f.shaped,
        // the overview's like-for-like comparison: model-call cost, same days of the previous month
        same_days: monthToDateToWire(ov.monthToDate),
      };
    }),
    section("billing", () => loadBoardBilling(organizationId, month, now)),
    // events and unpriced events per feature: a cost of an unpriced feature is marked, never shown as free
    section("unpriced", () => loadUnpriced(organizationId, period)),
    section("opportunities", () => loadOpportunities(organizationId, now)),
    section("coding_agents", () => loadBoardCodingAgents(organizationId, month, now)),
    section("shadow_ai", () => loadBoardShadowAi(organizationId, month)),
    firstDataDay(organizationId).catch(() => null),
    readReportCurrency(organizationId, month),
  ]);

  const current: Section<Chargeback> = chargebacks.ok ? { ok: true, data: chargebacks.data[chargebacks.data.length - 1] } : chargebacks;
  return {
    organization: org.name,
    month,
    period,
    complete,
    /** when this document was exported */
    generated_at: now.toISOString(),
    /** events received after this moment are not included: the export time, or the close for a closed month */
    data_cutoff: current.ok && current.data.status === "closed" && current.data.closed_at ? current.data.closed_at : now.toISOString(),
    /** the first day with data: a month that starts before it is partial and is not compared */
    first_data_day: first,
    // the reporting currency and the month's rate, only when it is not USD (decision 058): a USD document is as before
    ...(currency ? { currency } : {}),
    chargeback: current.ok ? { ok: true as const, data: { ...current.data, late_arrivals: null } } : current,
    trend: chargebacks.ok
      ? {
          ok: true as const,
          data: chargebacks.data.map((c) => ({
            month: c.month,
            total_usd: c.total_usd,
            events_usd: c.events_usd,
            fixed_costs_usd: c.fixed_costs_usd,
            status: c.status,
            /** the data covers only part of this month: from first_data_day, or to date for the current month */
            partial: (first !== null && first > `${c.month}-01`) || (c.month === month && !complete),
          })),
        }
      : chargebacks,
    forecast,
    cost_per_interaction: cpi,
    token_efficiency: efficiency,
    freemium,
    unit_economics: unitEconomics,
    movers,
    actions,
    readiness,
    billing,
    unpriced,
    opportunities,
    coding_agents: codingAgents,
    shadow_ai: shadowAi,
  };
}

export type BoardReport = Awaited<ReturnType<typeof computeBoardReport>>;
