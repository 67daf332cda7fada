import { expect, test } from "vitest";
import { parseUsd } from "../money";
import { decide, DEFAULT_POLICY, type BudgetView, type PolicyView, type QuotaVerdict } from "./decide";
import { indexQuotas } from "@spendline/guardrail-core";

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
  {
    name: "kill switch downgrades",
    policy: pol({ killSwitch: true }),
    budgets: [],
    trapped: false,
    want: "downgrade",
    model: "gpt-4o-mini",
  },
  {
    name: "kill switch blocks without fallback model",
    policy: pol({ killSwitch: true, fallbackModel: null }),
    budgets: [],
    trapped: false,
    want: "block",
    model: undefined,
  },
  {
    name: "kill switch with action block",
    policy: pol({ killSwitch: true, fallbackAction: "block" }),
    budgets: [],
    trapped: false,
    want: "block",
    model: undefined,
  },
  { name: "anomaly", policy: pol({ anomalyActive: true }), budgets: [], trapped: false, want: "downgrade", model: "gpt-4o-mini" },
  {
    name: "hard budget exactly reachable",
    policy: pol({ fallbackModel: null }),
    budgets: [budget("99")],
    trapped: false,
    want: "allow",
    model: undefined,
  },
  {
    name: "hard budget with reservations over",
    policy: pol({ fallbackModel: null }),
    budgets: [budget("98.6", "0.5")],
    trapped: false,
    want: "block",
    model: undefined,
  },
  {
    name: "hard budget's own fallback model",
    policy: pol(),
    budgets: [budget("100", "0", "claude-haiku")],
    trapped: false,
    want: "downgrade",
    model: "claude-haiku",
  },
  { name: "trapped free tenant", policy: pol(), budgets: [], trapped: true, want: "downgrade", model: "gpt-4o-mini" },
  {
    name: "trapped but throttle off",
    policy: pol({ freemiumThrottle: false }),
    budgets: [],
    trapped: true,
    want: "allow",
    model: undefined,
  },
])("$name → $want", ({ policy, budgets, trapped, want, model }) => {
  const d = decide(req, { policy, hardBudgets: budgets, tenantTrapped: trapped, estimatePico: parseUsd("1") });
  expect(d.decision).toBe(want);
  expect(d.model).toBe(model);
  expect(d.reason.length).toBeGreaterThan(5);
  expect(d.reserveOn.length > 0).toBe(want === "allow" && budgets.length > 0);
});

const quota = (action: QuotaVerdict["action"]): QuotaVerdict => ({
  provider: "openai",
  model: "gpt-4o",
  action,
  projectedExhaustion: action === "allow" ? null : "2026-11-20",
  reason: `token quota for openai/gpt-4o ${action}`,
});
const route = { toModel: "gpt-4o-mini", draftId: "d1" };

type QuotaRouteCase = [string, string, PolicyView, BudgetView[], QuotaVerdict | null, typeof route | null, string | undefined, boolean];
// one case a line: name, decision, policy, hard budgets, quota verdict, approved route, model, reserves on a budget
// prettier-ignore
test.each<QuotaRouteCase>([
  ["quota pacing short → fallback model", "downgrade", pol(), [budget("10")], quota("downgrade"), null, "gpt-4o-mini", true],
  ["quota pacing short, no fallback → allow", "allow", pol({ fallbackModel: null }), [], quota("downgrade"), null, undefined, false],
  ["quota pacing short, fallback action block → allow", "allow", pol({ fallbackAction: "block" }), [], quota("downgrade"), null, undefined, false],
  ["quota used up → fallback model", "downgrade", pol(), [], quota("block"), null, "gpt-4o-mini", false],
  ["quota used up, no fallback → block", "block", pol({ fallbackModel: null }), [budget("10")], quota("block"), null, undefined, false],
  ["hard budget before quota", "downgrade", pol({ fallbackModel: null }), [budget("100", "0", "claude-haiku")], quota("downgrade"), null, "claude-haiku", false],
  ["approved route", "downgrade", pol({ fallbackModel: null }), [budget("10")], null, route, "gpt-4o-mini", true],
  ["route after the kill switch", "block", pol({ killSwitch: true, fallbackModel: null }), [], null, route, undefined, false],
])("%s → %s", (name, want, policy, budgets, q, r, model, reserve) => {
  const d = decide(req, { policy, hardBudgets: budgets, tenantTrapped: false, estimatePico: parseUsd("1"), quota: q, route: r });
  expect(d.decision).toBe(want);
  expect(d.model).toBe(model);
  expect(d.reserveOn.length > 0).toBe(reserve);
});

test("a route to the requested model itself allows", () => {
  expect(
    decide({ feature: "chat", model: "gpt-4o-mini" }, { policy: pol(), hardBudgets: [], tenantTrapped: false, estimatePico: 1n, route })
      .decision,
  ).toBe("allow");
});

test("indexQuotas keeps the most urgent verdict per model", () => {
  const m = indexQuotas([
    { ...quota("downgrade"), models: ["gpt-4o"] },
    { ...quota("block"), model: "", models: ["gpt-4o", "gpt-4o-mini"] },
    { ...quota("downgrade"), model: "gpt-4o-mini", models: ["gpt-4o-mini"] },
  ]);
  expect(m.get("gpt-4o")!.action).toBe("block");
  expect(m.get("gpt-4o-mini")!.model).toBe("");
  expect(m.has("claude-3-5-haiku")).toBe(false);
});

test("decide with quota and route stays well under 0.1 ms per call", () => {
  const view = { policy: pol(), hardBudgets: [budget("10")], tenantTrapped: false, estimatePico: 1n, quota: quota("downgrade"), route };
  const times: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = performance.now();
    decide(req, view);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  expect(times[Math.floor(times.length * 0.99)]).toBeLessThan(0.1);
});
