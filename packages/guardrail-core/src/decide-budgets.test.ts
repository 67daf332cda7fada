import { expect, test } from "vitest";
import { budgetEstimate, decide, DEFAULT_POLICY, UNIT_SCALE, type BudgetView, type DecideView } from "./decide";

/** Budgets by unit and window (decision 049): the arithmetic in each row, amounts × 10^12. */
const P = 1_000_000_000_000n; // one dollar in picodollars, or one token / request in unit scale
const budget = (b: Partial<BudgetView>): BudgetView => ({
  id: "b",
  scope: "tenant",
  scopeRef: "acme",
  limitPico: 100n * P,
  spentPico: 0n,
  reservedPico: 0n,
  fallbackModel: null,
  ...b,
});
const view = (b: BudgetView): DecideView => ({
  policy: { ...DEFAULT_POLICY, fallbackModel: "gpt-4o-mini" },
  hardBudgets: [b],
  tenantTrapped: false,
  estimatePico: 2n * P, // $2 per call
  estimateTokens: 1_500n * UNIT_SCALE, // 1,500 tokens per call
});
const req = { feature: "chat", model: "gpt-4o", tenant: { id: "acme" } };

test.each([
  // money, month: 98 + 2 = 100 ≤ 100 → allow; 98.000001 + 2 > 100 → downgrade to the fallback
  { name: "usd month at the limit", b: { scope: "feature", spentPico: 98n * P }, want: "allow" },
  {
    name: "usd month over",
    b: { scope: "feature", spentPico: 98n * P + 1_000_000n },
    want: "downgrade",
    reason: /hard budget .* this month/,
  },
  // tokens: 8,500 + 1,500 = 10,000 ≤ 10,000 → allow; 8,501 + 1,500 > 10,000 → block (rolling: a rate limit)
  { name: "tokens 24h at the limit", b: { unit: "tokens", window: "24h", limitPico: 10_000n * P, spentPico: 8_500n * P }, want: "allow" },
  {
    name: "tokens 24h over: rate limit",
    b: { unit: "tokens", window: "24h", limitPico: 10_000n * P, spentPico: 8_501n * P, retryAfterSec: 120 },
    want: "block",
    retry: 120,
    reason: /rate limit for tenant acme reached \(8501 tokens of 10000 tokens in the last 24 h\)/,
  },
  // requests: 99 + 1 = 100 ≤ 100 → allow; 100 + 1 > 100 → block, retry_after at least 1 s
  { name: "requests 7d at the limit", b: { unit: "requests", window: "7d", spentPico: 99n * P }, want: "allow" },
  {
    name: "requests 7d over",
    b: { unit: "requests", window: "7d", spentPico: 100n * P },
    want: "block",
    retry: 1,
    reason: /in the last 7 days/,
  },
  // a live reservation counts: 97 + 2 (reserved) + 2 > 100
  {
    name: "usd 30d with reservations",
    b: { window: "30d", spentPico: 97n * P, reservedPico: 2n * P, retryAfterSec: 3600 },
    want: "block",
    retry: 3600,
  },
  // requests month: not a rate limit, the feature's fallback applies
  { name: "requests month over", b: { unit: "requests", spentPico: 100n * P }, want: "downgrade" },
] as { name: string; b: Partial<BudgetView>; want: string; retry?: number; reason?: RegExp }[])("$name", ({ b, want, retry, reason }) => {
  const d = decide(req, view(budget(b)));
  expect(d.decision).toBe(want);
  expect(d.retryAfter).toBe(retry);
  if (reason) expect(d.reason).toMatch(reason);
  expect(d.reserveOn).toEqual(want === "allow" ? ["b"] : []);
});

test("each budget is charged in its own unit", () => {
  const v = view(budget({}));
  expect(budgetEstimate({ unit: "usd" }, v)).toBe(2n * P);
  expect(budgetEstimate({}, v)).toBe(2n * P);
  expect(budgetEstimate({ unit: "tokens" }, v)).toBe(1_500n * UNIT_SCALE);
  expect(budgetEstimate({ unit: "requests" }, v)).toBe(UNIT_SCALE);
});
