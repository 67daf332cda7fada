import "server-only";
import type { IngestedSummary } from "../events/ingested-summary";
import { db } from "../db";
import { displayUsd, formatUsd6, parseUsd } from "../money";
import { raiseAlert } from "../alerts/raise-alert";
import { forecastMonthEnd } from "./forecast";
import { thresholdsReached } from "./thresholds";
import { dailyForScope, loadDailySpend } from "./load-daily-spend";
import { DAY_MS } from "../time";
import { hasMonthForecast } from "./forecast";

/**
 * Ingest hook: after each committed batch, the budgets the batch touches (the org's, its
 * teams', its features') are compared with their thresholds for the current UTC month. Each
 * threshold alerts once per budget and month (dedupe key), with the month-end forecast; when
 * one batch crosses several thresholds, only the highest alerts.
 */
export async function evaluateBudgets(summary: IngestedSummary, now = new Date()): Promise<void> {
  const month = now.toISOString().slice(0, 7);
  const inMonth = summary.events.filter((e) => e.timestamp.toISOString().slice(0, 7) === month);
  if (!inMonth.length) return;
  const teams = [...new Set(inMonth.map((e) => e.team))];
  const features = [...new Set(inMonth.map((e) => e.feature))];
  const budgets = await db().budget.findMany({
    where: {
      organizationId: summary.organizationId,
      OR: [{ scope: "org" }, { scope: "team", scopeRef: { in: teams } }, { scope: "feature", scopeRef: { in: features } }],
    },
  });
  await evaluateBudgetList(summary.organizationId, budgets, now);
}

/**
 * Compares these budgets with their thresholds for the current UTC month and raises the
 * highest threshold reached (deduplicated per budget, month and threshold). Called by the
 * ingest hook and when a budget is saved, so a budget created already past 50 % alerts at once.
 */
export async function evaluateBudgetList(
  organizationId: string,
  budgets: {
    id: string;
    scope: string;
    scopeRef: string;
    monthlyLimitUsd: { toString(): string };
    mode: string;
    thresholds: number[];
    unit?: string;
    window?: string;
  }[],
  now = new Date(),
): Promise<void> {
  if (!budgets.length) return;
  const month = now.toISOString().slice(0, 7);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const rows = await loadDailySpend(organizationId, new Date(today - 35 * DAY_MS), new Date(today + DAY_MS));
  for (const b of budgets) {
    // budgets by tenant, user, model or environment, in tokens or requests, or over rolling windows: the
    // ingest hook does not evaluate them yet (decision 049); never compare them with another scope's spend
    if (!hasMonthForecast({ scope: b.scope, unit: b.unit ?? "usd", window: b.window ?? "month" })) continue;
    const limit = parseUsd(b.monthlyLimitUsd.toString());
    const f = forecastMonthEnd(dailyForScope(rows, b.scope, b.scopeRef), now);
    // only the highest threshold reached alerts: a jump from 40 % to 105 % is one alert, not three
    for (const pct of thresholdsReached(f.monthToDatePico, limit, b.thresholds).slice(-1)) {
      const label = b.scope === "org" ? "Organisation" : `${b.scope === "team" ? "Team" : "Feature"} ${b.scopeRef}`;
      await raiseAlert(organizationId, {
        kind: "budget",
        severity: pct >= 100 ? "critical" : "warning",
        feature: b.scope === "feature" ? b.scopeRef : null,
        team: b.scope === "team" ? b.scopeRef : null,
        title: `${label} reached ${pct}% of its ${b.mode} monthly budget (${displayUsd(f.monthToDatePico)} of ${displayUsd(limit)}); month-end forecast ${displayUsd(f.forecastPico)}`,
        evidence: {
          budget_id: b.id,
          month,
          threshold_percent: pct,
          mode: b.mode,
          spent_usd: formatUsd6(f.monthToDatePico),
          limit_usd: formatUsd6(limit),
          forecast_usd: formatUsd6(f.forecastPico),
          daily_level_usd: formatUsd6(f.dailyLevelPico),
          forecast_method: f.shaped ? "trend with day-of-week shape (last 28 days)" : "trend (not enough history for a weekday shape)",
        },
        dedupeKey: `budget:${b.id}:${month}:${pct}`,
      });
    }
  }
}
