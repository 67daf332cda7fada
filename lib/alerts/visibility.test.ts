import { describe, expect, test } from "vitest";
import { alertActionRefusal, hiddenAlertKinds, mayReadAlertKind } from "./visibility";

describe("alerts follow the permissions of what they are about", () => {
  test.each([
    ["ADMIN", true],
    ["FINANCE", true],
    ["ENGINEERING_LEAD", false],
    ["VIEWER", false],
  ] as const)("%s reads invoice-gap alerts: %s", (role, may) => {
    expect(mayReadAlertKind({ role }, "reconciliation")).toBe(may);
    expect(hiddenAlertKinds({ role })).toEqual(may ? [] : ["reconciliation"]);
    // every role reads the alerts about features and budgets
    expect(mayReadAlertKind({ role }, "anomaly")).toBe(true);
    expect(mayReadAlertKind({ role }, "budget")).toBe(true);
  });
  test("an API key needs the scope that reads billing", () => {
    expect(mayReadAlertKind({ apiKeyId: "k", scopes: ["read"] }, "reconciliation")).toBe(false);
    expect(mayReadAlertKind({ apiKeyId: "k", scopes: ["admin"] }, "reconciliation")).toBe(true);
  });
});

describe("an engineering lead acts on their own team's alerts only", () => {
  const lead = (teamName: string | null) => ({ role: "ENGINEERING_LEAD" as const, member: { teamName } });
  test.each([
    ["support lead, support alert", lead("support"), "support", null],
    ["support lead, alert naming no team", lead("support"), null, null],
    ["support lead, platform alert", lead("support"), "platform", /about team platform.*own team's \(support\)/],
    ["lead without a team, platform alert", lead(null), "platform", /about team platform/],
    ["finance, platform alert", { role: "FINANCE" as const }, "platform", null],
    ["admin, platform alert", { role: "ADMIN" as const }, "platform", null],
    ["API key, platform alert", { apiKeyId: "k", scopes: ["admin"] }, "platform", null],
  ])("%s", (_name, actor, team, refused) => {
    const r = alertActionRefusal(actor, team);
    if (refused === null) expect(r).toBeNull();
    else expect(r).toMatch(refused);
  });
});
