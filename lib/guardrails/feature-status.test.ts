import { describe, expect, it } from "vitest";
import { featureGuardrailStatus } from "./feature-status";
import { DEFAULT_POLICY } from "./decide";

const usd = (n: number) => BigInt(Math.round(n * 1e6)) * 1_000_000n;

function snapshot(over: { spentFeature?: number; killSwitch?: boolean; budgetScope?: "feature" | "team" | "org"; limit?: number }) {
  const scope = over.budgetScope ?? "feature";
  return {
    policies: new Map([["code_review_agent", { ...DEFAULT_POLICY, fallbackModel: "gpt-4o-mini", killSwitch: !!over.killSwitch }]]),
    featureTeam: new Map([["code_review_agent", "platform"]]),
    spentFeature: new Map([["code_review_agent", usd(over.spentFeature ?? 0)]]),
    spentTeam: new Map([["platform", usd(over.spentFeature ?? 0)]]),
    spentOrg: { value: usd(over.spentFeature ?? 0) },
    hardBudgets: [
      {
        id: "b1",
        scope,
        scopeRef: scope === "feature" ? "code_review_agent" : scope === "team" ? "platform" : "",
        limitPico: usd(over.limit ?? 100),
        fallbackModel: null,
        unit: "usd" as const,
        window: "month" as const,
      },
    ],
  };
}

describe("guardrail status on the Budgets page = the check API's decision", () => {
  it.each([
    ["under a hard budget", { spentFeature: 50 }, "normal", "allow"],
    ["119 % of a hard feature budget", { spentFeature: 119 }, "hard_budget", "downgrade"],
    ["over a hard team budget", { spentFeature: 130, budgetScope: "team" as const }, "hard_budget", "downgrade"],
    ["over the organisation's hard budget", { spentFeature: 101, budgetScope: "org" as const }, "hard_budget", "downgrade"],
    ["kill switch", { spentFeature: 10, killSwitch: true }, "kill_switch", "downgrade"],
  ])("%s", (_n, over, state, decision) => {
    const s = featureGuardrailStatus(snapshot(over), "code_review_agent");
    expect(s.state).toBe(state);
    expect(s.decision).toBe(decision);
    if (state === "hard_budget") expect(s.reason).toMatch(/hard budget/);
  });
});
