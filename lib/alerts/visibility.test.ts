import { describe, expect, test } from "vitest";
import { hiddenAlertKinds, mayReadAlertKind } from "./visibility";

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
