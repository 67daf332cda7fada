import "server-only";
import type { IngestedSummary } from "../events/ingested-summary";
import { db } from "../db";
import { formatUsd6 } from "../money";
import { raiseAlert } from "../alerts/raise-alert";
import { DAY_MS } from "../time";
import { loadForecastRows, readBudgetUse, unitAmount, type BudgetRow, type BudgetUse } from "./budget-status";
import { alertPeriod, budgetAlertTitle } from "./budget-alert";

/** The longest budget window (30 d): older events move no budget. */
const LONGEST_WINDOW_MS = 30 * DAY_MS;

/**
 * Ingest hook: after each committed batch, the budgets the batch touches (the org's, and those
 * on its teams, features, models, tenants, users, environments and API keys) are compared with
 * their thresholds. A calendar budget counts events of the current UTC month; a rolling one,
 * events within its window.
 */
export async function evaluateBudgets(summary: IngestedSummary, now = new Date()): Promise<void> {
  const recent = summary.events.filter((e) => e.timestamp.getTime() > now.getTime() - LONGEST_WINDOW_MS);
  if (!recent.length) return;
  const refs = (pick: (e: IngestedSummary["events"][number]) => string | null | undefined) => [
    ...new Set(recent.map(pick).filter((v): v is string => !!v)),
  ];
  const budgets = await db().budget.findMany({
    where: {
      organizationId: summary.organizationId,
      OR: [
        { scope: "org" },
        { scope: "team", scopeRef: { in: refs((e) => e.team) } },
        { scope: "feature", scopeRef: { in: refs((e) => e.feature) } },
        { scope: "model", scopeRef: { in: refs((e) => e.model) } },
        { scope: "tenant", scopeRef: { in: refs((e) => e.tenantId) } },
        { scope: "user", scopeRef: { in: refs((e) => e.userId) } },
        { scope: "environment", scopeRef: { in: refs((e) => e.environment ?? "prod") } },
        { scope: "api_key", scopeRef: { in: refs((e) => e.apiKeyId) } },
      ],
    },
  });
  const month = now.toISOString().slice(0, 7);
  const inMonth = recent.some((e) => e.timestamp.toISOString().slice(0, 7) === month);
  // a calendar budget moves only with this month's events
  await evaluateBudgetList(
    summary.organizationId,
    budgets.filter((b) => b.window !== "month" || inMonth),
    now,
  );
}

/**
 * Compares these budgets with their thresholds and raises the highest threshold reached,
 * deduplicated per budget, period (the UTC month, or the rolling window's length: budget-alert.ts)
 * and threshold. Called by the ingest hook, when a budget is saved (a budget created already past
 * 50 % alerts at once) and when a batch job is registered.
 */
export async function evaluateBudgetList(organizationId: string, budgets: BudgetRow[], now = new Date()): Promise<void> {
  if (!budgets.length) return;
  const rows = await loadForecastRows(organizationId, now);
  for (const b of budgets) {
    const u = await readBudgetUse(organizationId, b, rows, now);
    const period = alertPeriod(b.window, now);
    // only the highest threshold reached alerts: a jump from 40 % to 105 % is one alert, not three
    for (const pct of u.thresholdsReached.slice(-1)) {
      await raiseAlert(organizationId, {
        kind: "budget",
        severity: pct >= 100 ? "critical" : "warning",
        feature: b.scope === "feature" ? b.scopeRef : null,
        team: b.scope === "team" ? b.scopeRef : null,
        title: budgetAlertTitle(b, pct, u.used, u.limit, u.dailyLevel === null ? null : u.forecast),
        evidence: budgetAlertEvidence(b, u, period, pct),
        // unchanged for calendar budgets (budget:<id>:<month>:<pct>), so nothing already raised repeats
        dedupeKey: `budget:${b.id}:${period}:${pct}`,
      });
    }
  }
}

/** What the alert records; a calendar USD budget keeps the fields it always had (and their order). */
function budgetAlertEvidence(b: BudgetRow, u: BudgetUse, period: string, pct: number): Record<string, unknown> {
  const head = { budget_id: b.id, month: period, threshold_percent: pct, mode: b.mode };
  if (u.dailyLevel !== null) {
    return {
      ...head,
      spent_usd: formatUsd6(u.used),
      limit_usd: formatUsd6(u.limit),
      forecast_usd: formatUsd6(u.forecast),
      daily_level_usd: formatUsd6(u.dailyLevel),
      forecast_method: u.shaped ? "trend with day-of-week shape (last 28 days)" : "trend (not enough history for a weekday shape)",
    };
  }
  // `month` is the period the alert is deduplicated in: the UTC month, or the rolling window's length
  return {
    ...head,
    scope: b.scope,
    scope_ref: b.scopeRef,
    unit: b.unit,
    window: b.window,
    spent: unitAmount(b.unit, u.used),
    limit: unitAmount(b.unit, u.limit),
  };
}
