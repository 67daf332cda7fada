import { expect, test } from "vitest";
import { alertPeriod, budgetAlertTitle } from "./budget-alert";

const P = 1_000_000_000_000n; // one dollar, one token, one request (× 10^12)
const b = (scope: string, scopeRef: string, unit: string, window: string, mode = "soft") => ({
  id: "b1",
  scope,
  scopeRef,
  unit,
  window,
  mode,
});

test.each([
  [
    "calendar USD with its forecast",
    b("team", "support", "usd", "month"),
    80,
    800n * P,
    1000n * P,
    1200n * P,
    "Team support reached 80% of its soft monthly budget ($800.00 of $1,000.00); month-end forecast $1,200.00",
  ],
  [
    "tokens over 7 days, counts not dollars",
    b("feature", "chat", "tokens", "7d"),
    50,
    1_250_000n * P,
    2_500_000n * P,
    null,
    "Feature chat reached 50% of its soft 7-day budget (1,250,000 of 2,500,000 tokens in the last 7 days)",
  ],
  [
    "a hard rolling request budget is a rate limit",
    b("tenant", "acme", "requests", "24h", "hard"),
    100,
    50n * P,
    50n * P,
    null,
    "Tenant acme reached 100% of its rate limit (50 of 50 requests in the last 24 h)",
  ],
  [
    "USD over 30 days",
    b("api_key", "k1", "usd", "30d"),
    80,
    40n * P,
    50n * P,
    null,
    "API key k1 reached 80% of its soft 30-day budget ($40.00 of $50.00 in the last 30 days)",
  ],
  [
    "one request",
    b("user", "u1", "requests", "month"),
    100,
    1n * P,
    1n * P,
    null,
    "User u1 reached 100% of its soft monthly budget (1 of 1 request)",
  ],
])("%s", (_n, budget, pct, used, limit, forecast, title) => {
  expect(budgetAlertTitle(budget, pct, used, limit, forecast)).toBe(title);
});

test.each([
  ["month", "2026-12-07T23:59:00Z", "2026-12"],
  ["24h", "2026-12-07T00:00:00Z", "24h@2026-12-07"],
  ["24h", "2026-12-07T23:59:59Z", "24h@2026-12-07"],
  ["24h", "2026-12-08T00:00:00Z", "24h@2026-12-08"],
  // 7-day blocks from the epoch (a Thursday): 2026-12-03 .. 2026-12-09
  ["7d", "2026-12-09T12:00:00Z", "7d@2026-12-03"],
  ["7d", "2026-12-10T00:00:00Z", "7d@2026-12-10"],
])("alert period of a %s budget at %s is %s", (window, at, period) => {
  expect(alertPeriod(window, new Date(at))).toBe(period);
});
