import { describe, expect, test } from "vitest";
import { can, navFor, scopeAllows } from "./roles";

describe("navigation per role", () => {
  test.each([
    ["ADMIN", ["Members", "API keys", "Audit log", "Price book", "Settings", "Board report"], []],
    ["FINANCE", ["Price book", "Settings", "Board report", "Chargeback"], ["Members", "API keys"]],
    ["ENGINEERING_LEAD", ["Settings", "Assessment"], ["Members", "Price book", "Board report"]],
    ["VIEWER", ["Overview", "Events"], ["Members", "API keys", "Settings", "Price book", "Board report"]],
  ] as const)("%s", (role, shown, hidden) => {
    const labels = navFor(role).map((n) => n.label);
    for (const l of shown) expect(labels).toContain(l);
    for (const l of hidden) expect(labels).not.toContain(l);
  });
});

test.each([
  ["VIEWER", "members.manage", false],
  ["ADMIN", "members.manage", true],
  ["FINANCE", "budgets.manage", true],
  ["ENGINEERING_LEAD", "budgets.manage", true],
  ["VIEWER", "budgets.manage", false],
  ["FINANCE", "webhooks.manage", true],
  ["ENGINEERING_LEAD", "webhooks.manage", false],
  ["VIEWER", "webhooks.manage", false],
  ["ENGINEERING_LEAD", "assessment.submit", true],
  ["VIEWER", "assessment.submit", false],
  ["ENGINEERING_LEAD", "drafts.decide", true],
  ["ADMIN", "drafts.decide", true],
  ["FINANCE", "drafts.decide", false],
  ["VIEWER", "drafts.decide", false],
  ["VIEWER", "drafts.create", false],
] as const)("can(%s, %s) = %s", (role, cap, expected) => {
  expect(can(role, cap)).toBe(expected);
});

test.each([
  [["ingest"], "events.ingest", true],
  [["read"], "events.ingest", false],
  [["read"], "dashboards.read", true],
  [["ingest"], "dashboards.read", false],
  [["read"], "settings.edit", false],
  [["admin"], "settings.edit", true],
  [["read"], "drafts.create", true],
  [["ingest"], "drafts.create", false],
  [["read"], "drafts.decide", false],
] as const)("scopes %j allow %s: %s", (scopes, cap, expected) => {
  expect(scopeAllows(scopes, cap)).toBe(expected);
});
