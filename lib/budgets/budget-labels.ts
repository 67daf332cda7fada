/**
 * How the budgets page names scopes, units and windows, and writes a limit or use in its unit.
 * Pure and client-safe (the form and the table share it).
 */
import { int, usd } from "../format";

export const SCOPE_OPTIONS = [
  ["org", "Organisation"],
  ["team", "Team"],
  ["feature", "Feature"],
  ["model", "Model"],
  ["tenant", "Tenant (customer)"],
  ["user", "User"],
  ["environment", "Environment"],
  ["api_key", "API key"],
] as const;
export const UNIT_OPTIONS = [
  ["usd", "USD"],
  ["tokens", "tokens"],
  ["requests", "requests"],
] as const;
export const WINDOW_OPTIONS = [
  ["month", "calendar month"],
  ["24h", "rolling 24 h"],
  ["7d", "rolling 7 days"],
  ["30d", "rolling 30 days"],
] as const;

const SCOPE_LABEL: Record<string, string> = Object.fromEntries(SCOPE_OPTIONS);
const WINDOW_SHORT: Record<string, string> = { month: "Monthly", "24h": "24 h", "7d": "7-day", "30d": "30-day" };

/** The label of the scope_ref field: "Team", "Tenant id", "API key id". */
export function scopeRefLabel(scope: string): string {
  if (scope === "tenant") return "Tenant id";
  if (scope === "user") return "User id";
  if (scope === "api_key") return "API key id";
  return SCOPE_LABEL[scope] ?? scope;
}

/** "Monthly limit (USD)", "24 h limit (requests)" */
export function limitLabel(unit: string, window: string): string {
  return `${WINDOW_SHORT[window] ?? "Monthly"} limit (${unit === "usd" ? "USD" : unit})`;
}

/** "calendar month", "rolling 24 h" */
export function windowLabel(window: string): string {
  return WINDOW_OPTIONS.find(([w]) => w === window)?.[1] ?? window;
}

/** A limit or use as the API gives it (USD with 6 decimals, or a whole count), written for a person. */
export function amountText(unit: string, amount: string): string {
  if (unit === "usd") return usd(amount);
  const n = Number(amount);
  return `${int(n)} ${unit === "tokens" ? (n === 1 ? "token" : "tokens") : n === 1 ? "request" : "requests"}`;
}

/** "organisation", "team support", "API key k_123" */
export function scopeText(scope: string, scopeRef: string): string {
  if (scope === "org") return "the organisation";
  return `${scope === "api_key" ? "API key" : scope} ${scopeRef}`;
}
