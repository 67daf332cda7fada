import { describe, expect, test } from "vitest";
import { getRates, listCatalogModels } from "./catalog-rates";
import { floatToDecimalString } from "../money/decimal-text";

describe("floatToDecimalString", () => {
  test.each([
    [5, "5"],
    [0.3, "0.3"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e-7, "0.0000001"],
    [1.5e-7, "0.00000015"],
    [2.5e21, "2500000000000000000000"],
    [0, "0"],
    [-0.25, "-0.25"],
  ])("%s → %s", (n, s) => expect(floatToDecimalString(n)).toBe(s));
});

describe("getRates", () => {
  test.each([
    ["openai", "gpt-4o-2024-05-13", "2025-01-01", { provider: "openai", inputPerMTok: "5", outputPerMTok: "15" }],
    [null, "gpt-4o-2024-05-13", "2025-01-01", { provider: "openai", inputPerMTok: "5", outputPerMTok: "15" }],
    [
      "anthropic",
      "claude-3-5-sonnet-20241022",
      "2025-01-01",
      { provider: "anthropic", inputPerMTok: "3", outputPerMTok: "15", cachedInputPerMTok: "0.3", cacheWritePerMTok: "3.75" },
    ],
    // a provider name the catalog does not know still finds a well-known model
    ["my-proxy", "gpt-4o-2024-05-13", "2025-01-01", { provider: "openai", inputPerMTok: "5" }],
  ])("%s / %s on %s", (provider, model, day, expected) => {
    const r = getRates(provider, model, new Date(`${day}T08:00:00Z`));
    expect(r).toMatchObject(expected);
  });

  test("unknown model → null", () => {
    expect(getRates(null, "no-such-model-xyz", new Date())).toBeNull();
  });

  test("cached per day: same object for two times on one UTC day", () => {
    const a = getRates("openai", "gpt-4o-mini", new Date("2025-03-01T01:00:00Z"));
    const b = getRates("openai", "gpt-4o-mini", new Date("2025-03-01T23:00:00Z"));
    expect(a).not.toBeNull();
    expect(a).toBe(b);
  });
});

describe("listCatalogModels", () => {
  test("lists several providers with decimal-string rates", () => {
    const list = listCatalogModels();
    expect(list.length).toBeGreaterThan(200);
    const providers = new Set(list.map((m) => m.provider));
    for (const p of ["openai", "anthropic", "google"]) expect(providers.has(p)).toBe(true);
    for (const m of list) if (m.inputPerMTok !== null) expect(m.inputPerMTok).toMatch(/^\d+(\.\d+)?$/);
  });
});
