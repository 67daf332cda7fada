/**
 * The words and dedupe key of a budget threshold alert, for every kind of budget (decision 049:
 * any scope, USD / tokens / requests, calendar month or rolling window). Pure.
 */
import { UNIT_SCALE, WINDOW_SECONDS, type BudgetWindow } from "@spendline/guardrail-core";
import { displayUsd } from "../money";

export type AlertBudget = { id: string; scope: string; scopeRef: string; unit: string; window: string; mode: string };

const SCOPE_LABEL: Record<string, string> = {
  team: "Team",
  feature: "Feature",
  model: "Model",
  tenant: "Tenant",
  user: "User",
  environment: "Environment",
  api_key: "API key",
};

/** "Organisation", "Team support", "Tenant acme" */
export function budgetLabel(b: { scope: string; scopeRef: string }): string {
  return b.scope === "org" ? "Organisation" : `${SCOPE_LABEL[b.scope] ?? b.scope} ${b.scopeRef}`;
}

/** An amount in the budget's unit: "$12.30", "1,200,000 tokens", "40 requests". */
export function amountInUnit(unit: string, v: bigint): string {
  if (unit !== "tokens" && unit !== "requests") return displayUsd(v);
  const n = v / UNIT_SCALE;
  return `${n.toLocaleString("en-US")} ${unit === "tokens" ? (n === 1n ? "token" : "tokens") : n === 1n ? "request" : "requests"}`;
}

const WINDOW_PHRASE: Record<string, string> = {
  month: "monthly budget",
  "24h": "24-hour budget",
  "7d": "7-day budget",
  "30d": "30-day budget",
};
const WINDOW_IN: Record<string, string> = { "24h": "in the last 24 h", "7d": "in the last 7 days", "30d": "in the last 30 days" };

/**
 * The alert's period: the UTC month for a calendar budget; for a rolling window, the window's
 * length counted from the Unix epoch (24 h: the UTC day). Each threshold alerts once per
 * budget and period, so a rolling budget that keeps hovering at 80 % does not alert per batch.
 */
export function alertPeriod(window: string, now: Date): string {
  if (window === "month" || !(window in WINDOW_SECONDS)) return now.toISOString().slice(0, 7);
  const len = WINDOW_SECONDS[window as BudgetWindow] * 1000;
  const start = Math.floor(now.getTime() / len) * len;
  return `${window}@${new Date(start).toISOString().slice(0, 10)}`;
}

/** "Tenant acme reached 80% of its hard 24-hour budget (40 requests of 50 in the last 24 h)" (+ the forecast for a calendar USD budget) */
export function budgetAlertTitle(b: AlertBudget, pct: number, used: bigint, limit: bigint, forecast: bigint | null): string {
  const mode = b.mode === "hard" && b.window !== "month" ? "rate limit" : `${b.mode} ${WINDOW_PHRASE[b.window] ?? "budget"}`;
  const amounts =
    b.unit === "usd"
      ? `${amountInUnit("usd", used)} of ${amountInUnit("usd", limit)}`
      : `${(used / UNIT_SCALE).toLocaleString("en-US")} of ${amountInUnit(b.unit, limit)}`;
  // a calendar budget says "monthly" already (and its title is the one alerts always had)
  const head = `${budgetLabel(b)} reached ${pct}% of its ${mode} (${amounts}${b.window === "month" ? "" : ` ${WINDOW_IN[b.window]}`})`;
  return forecast === null ? head : `${head}; month-end forecast ${displayUsd(forecast)}`;
}
