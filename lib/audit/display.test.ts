import { describe, expect, test } from "vitest";
import { displayChanges, displayField, displayOrigin, displayTarget, displayValue, shortUserAgent } from "./display";

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

describe("audit log: from where", () => {
  test.each<[string, string | null, string]>([
    ["no user agent", null, ""],
    ["blank", "   ", ""],
    [
      "Chrome on Windows",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome 131 on Windows",
    ],
    [
      "Edge also says Chrome and Safari",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
      "Edge 131 on Windows",
    ],
    ["Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Linux"],
    [
      "Safari on iPhone (the iPhone says Mac OS X too)",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Safari 18.1 on iOS",
    ],
    [
      "Chrome on Android (Android says Linux too)",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome 131 on Android",
    ],
    [
      "Safari on macOS",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Safari 18.1 on macOS",
    ],
    ["curl", "curl/8.5.0", "curl 8.5.0"],
    ["an SDK", "spendline-node/1.2.0 node/22.11.0", "spendline-node 1.2.0"],
    ["an overlong token is cut", "x".repeat(80), "x".repeat(39) + "…"],
  ])("%s", (_name, ua, want) => {
    expect(shortUserAgent(ua)).toBe(want);
  });

  test.each<[string | null, string | null, string]>([
    ["198.51.100.4", "curl/8.5.0", "198.51.100.4 · curl 8.5.0"],
    ["2001:db8::1", null, "2001:db8::1"],
    [null, "curl/8.5.0", "curl 8.5.0"],
    [null, null, "—"],
  ])("displayOrigin(%s, %s) = %s", (ip, ua, want) => {
    expect(displayOrigin(ip, ua)).toBe(want);
  });
});
