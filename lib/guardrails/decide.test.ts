import { expect, test } from "vitest";
import { parseUsd } from "../money";
import { decide, DEFAULT_POLICY, type BudgetView, type PolicyView } from "./decide";

const budget = (spent: string, reserved = "0", fallbackModel: string | null = null): BudgetView => ({
  id: "b1",
  scope: "feature",
  scopeRef: "chat",
  limitPico: parseUsd("100"),
  spentPico: parseUsd(spent),
  reservedPico: parseUsd(reserved),
  fallbackModel,
});
const pol = (p: Partial<PolicyView> = {}): PolicyView => ({ ...DEFAULT_POLICY, fallbackModel: "gpt-4o-mini", ...p });
const req = { feature: "chat", model: "gpt-4o", tenant: { id: "t1", tier: "free" } };

test.each([
  { name: "all clear", policy: pol(), budgets: [budget("10")], trapped: false, want: "allow", model: undefined },
  { name: "kill switch downgrades", policy: pol({ killSwitch: true }), budgets: [], trapped: false, want: "downgrade", model: "gpt-4o-mini" },
  { name: "kill switch blocks without fallback model", policy: pol({ killSwitch: true, fallbackModel: null }), budgets: [], trapped: false, want: "block", model: undefined },
  { name: "kill switch with action block", policy: pol({ killSwitch: true, fallbackAction: "block" }), budgets: [], trapped: false, want: "block", model: undefined },
  { name: "anomaly", policy: pol({ anomalyActive: true }), budgets: [], trapped: false, want: "downgrade", model: "gpt-4o-mini" },
  { name: "hard budget exactly reachable", policy: pol({ fallbackModel: null }), budgets: [budget("99")], trapped: false, want: "allow", model: undefined },
  { name: "hard budget with reservations over", policy: pol({ fallbackModel: null }), budgets: [budget("98.6", "0.5")], trapped: false, want: "block", model: undefined },
  { name: "hard budget's own fallback model", policy: pol(), budgets: [budget("100", "0", "claude-haiku")], trapped: false, want: "downgrade", model: "claude-haiku" },
  { name: "trapped free tenant", policy: pol(), budgets: [], trapped: true, want: "downgrade", model: "gpt-4o-mini" },
  { name: "trapped but throttle off", policy: pol({ freemiumThrottle: false }), budgets: [], trapped: true, want: "allow", model: undefined },
])("$name → $want", ({ policy, budgets, trapped, want, model }) => {
  const d = decide(req, { policy, hardBudgets: budgets, tenantTrapped: trapped, estimatePico: parseUsd("1") });
  expect(d.decision).toBe(want);
  expect(d.model).toBe(model);
  expect(d.reason.length).toBeGreaterThan(5);
  expect(d.reserveOn.length > 0).toBe(want === "allow" && budgets.length > 0);
});
