import { describe, expect, test } from "vitest";
import { displayChanges, displayField, displayTarget, displayValue } from "./display";

describe("audit log display", () => {
  test.each([
    ["after_usd", "—", "(none)"],
    ["amount_usd", "1250.000000", "$1,250.00"],
    ["monthlyLimitUsd", "500", "$500.00"],
    ["rule.threshold_usd", "0.120000", "$0.12"],
    ["value_per_unit_usd", "0.046659", "$0.0467"],
    ["total_usd", "-34.08", "-$34.08"],
    ["reason", "late events", "late events"],
    ["events", "2230", "2230"],
    ["diff.items", '[{"key":"2026-11-01|claude","change":"added","after_usd":null}]', "1 entry"],
    ["scopes", '["read","ingest"]', "read, ingest"],
    ["items", "[]", "(none)"],
  ])("%s = %s shows %s", (field, raw, shown) => expect(displayValue(field, raw)).toBe(shown));

  test("field names lose the unit suffix and read as words", () => {
    expect(displayField("after_usd")).toBe("after");
    expect(displayField("review_threshold_usd")).toBe("review threshold");
    expect(displayField("monthlyLimitUsd")).toBe("monthly limit");
    expect(displayField("rule.team")).toBe("rule · team");
  });

  test("a diff reads field: before → after with money formatted", () => {
    const [c] = displayChanges([{ field: "review_threshold_usd", before: "0.100000", after: "0.120000" }]);
    expect(`${c.field}: ${c.before} → ${c.after}`).toBe("review threshold: $0.10 → $0.12");
  });

  test("targets by kind and name, never a bare id", () => {
    expect(displayTarget("billing_account", "cmx9cbwbm0aaaaaaaaaaaaaa", "openai-prod")).toBe("billing account openai-prod");
    expect(displayTarget("billing_account", "cmx9cbwbm0aaaaaaaaaaaaaa", undefined)).toBe("billing account (deleted)");
    expect(displayTarget("ChargebackPeriod", "2026-11", undefined)).toBe("month 2026-11");
    expect(displayTarget("Organization", "cmx9cbwbm0aaaaaaaaaaaaaa", undefined)).toBe("organisation");
  });
});
