import { describe, expect, test } from "vitest";
import { toDecimalString } from "../money";
import type { CatalogRates } from "./catalog-rates";
import { findOverride, priceEvent, type PriceOverrideRow } from "./price-event";

const fake = (provider: string | null, model: string): CatalogRates | null =>
  model === "m-cache"
    ? { provider: "p", model, inputPerMTok: "3", outputPerMTok: "15", cachedInputPerMTok: "0.3", cacheWritePerMTok: "3.75" }
    : model === "m-plain"
      ? { provider: "p", model, inputPerMTok: "0.15", outputPerMTok: "0.6", cachedInputPerMTok: null, cacheWritePerMTok: null }
      : null;

const ts = new Date("2025-06-15T12:00:00Z");
const ev = (model: string, i: number, o: number, c = 0, w = 0, costUsd: string | null = null) => ({
  provider: "p",
  model,
  timestamp: ts,
  inputTokens: i,
  outputTokens: o,
  cachedInputTokens: c,
  cacheWriteTokens: w,
  costUsd,
});

const ovr = (p: Partial<PriceOverrideRow>): PriceOverrideRow => ({
  id: "o1",
  provider: null,
  model: "m-cache",
  kind: "rates",
  inputPerMTokUsd: null,
  outputPerMTokUsd: null,
  cachedInputPerMTokUsd: null,
  cacheWritePerMTokUsd: null,
  discountPercent: null,
  effectiveFrom: new Date("2025-01-01T00:00:00Z"),
  effectiveTo: null,
  ...p,
});

describe("priceEvent (catalog)", () => {
  test.each([
    // 1M input at $3 + 1M output at $15
    ["plain", ev("m-cache", 1_000_000, 1_000_000), "18.000000000000", "catalog"],
    // 1000 in (600 cached at 0.3, 100 written at 3.75, 300 uncached at 3) + 10 out at 15
    // = (300×3 + 600×0.3 + 100×3.75 + 10×15) / 1e6 = (900+180+375+150)/1e6 = 0.001605
    ["cache split", ev("m-cache", 1000, 10, 600, 100), "0.001605000000", "catalog"],
    // no separate cache price: cached billed at input rate; 0.1+0.2-type floats never appear
    ["no cache price", ev("m-plain", 1000, 1000, 500), "0.000750000000", "catalog"],
    ["one token", ev("m-plain", 1, 0), "0.000000150000", "catalog"],
    ["unknown model", ev("nope", 1000, 10), "0.000000000000", "unpriced"],
    ["caller cost wins", ev("m-cache", 1000, 10, 0, 0, "0.5"), "0.500000000000", "caller"],
    ["caller cost, unknown model", ev("nope", 1000, 10, 0, 0, "0.25"), "0.250000000000", "caller"],
  ])("%s", (_n, e, cost, source) => {
    const p = priceEvent(e, [], fake);
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(p.costSource).toBe(source);
    expect(p.unpriced).toBe(source === "unpriced");
  });

  test("caller cost keeps the catalog figure beside it", () => {
    const p = priceEvent(ev("m-cache", 1_000_000, 0, 0, 0, "1"), [], fake);
    expect(toDecimalString(p.catalogCostPico!)).toBe("3.000000000000");
  });
});

describe("priceEvent (overrides)", () => {
  test.each([
    [
      "rates override",
      [ovr({ inputPerMTokUsd: "1", outputPerMTokUsd: "2" })],
      ev("m-cache", 1_000_000, 1_000_000),
      "3.000000000000",
      "override",
    ],
    [
      "discount 10%",
      [ovr({ kind: "discount", discountPercent: "10" })],
      ev("m-cache", 1_000_000, 1_000_000),
      "16.200000000000",
      "override",
    ],
    ["discount 12.5%", [ovr({ kind: "discount", discountPercent: "12.5" })], ev("m-cache", 1_000_000, 0), "2.625000000000", "override"],
    [
      "private model",
      [ovr({ model: "private-llm", inputPerMTokUsd: "0.5", outputPerMTokUsd: "1" })],
      ev("private-llm", 2_000_000, 0),
      "1.000000000000",
      "override",
    ],
    [
      "not yet effective",
      [ovr({ effectiveFrom: new Date("2025-07-01T00:00:00Z"), inputPerMTokUsd: "1", outputPerMTokUsd: "1" })],
      ev("m-cache", 1_000_000, 0),
      "3.000000000000",
      "catalog",
    ],
    [
      "expired (end exclusive)",
      [ovr({ effectiveTo: ts, inputPerMTokUsd: "1", outputPerMTokUsd: "1" })],
      ev("m-cache", 1_000_000, 0),
      "3.000000000000",
      "catalog",
    ],
    [
      "other provider",
      [ovr({ provider: "q", inputPerMTokUsd: "1", outputPerMTokUsd: "1" })],
      ev("m-cache", 1_000_000, 0),
      "3.000000000000",
      "catalog",
    ],
  ])("%s", (_n, overrides, e, cost, source) => {
    const p = priceEvent(e, overrides, fake);
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(p.costSource).toBe(source);
  });

  test("an override on the catalog id applies to the dated model string that resolves to it", () => {
    const aliasRates = (_p: string | null, m: string): CatalogRates | null =>
      m === "m-cache-2025-01-01" ? { ...fake(null, "m-cache")!, model: "m-cache" } : fake(_p, m);
    const p = priceEvent(ev("m-cache-2025-01-01", 1_000_000, 0), [ovr({ kind: "discount", discountPercent: "50" })], aliasRates);
    expect(toDecimalString(p.costPico)).toBe("1.500000000000");
    expect(p.costSource).toBe("override");
    // an override naming the exact string wins over one naming the catalog id
    const exact = ovr({ id: "exact", model: "m-cache-2025-01-01", kind: "discount", discountPercent: "10" });
    expect(findOverride([ovr({ id: "alias" }), exact], "p", "m-cache-2025-01-01", ts, "m-cache")?.id).toBe("exact");
  });

  test("provider-specific beats any-provider; later start beats earlier", () => {
    const a = ovr({ id: "any", inputPerMTokUsd: "1", outputPerMTokUsd: "1" });
    const b = ovr({ id: "specific", provider: "p", inputPerMTokUsd: "2", outputPerMTokUsd: "2" });
    const c = ovr({ id: "any-later", effectiveFrom: new Date("2025-05-01T00:00:00Z"), inputPerMTokUsd: "1", outputPerMTokUsd: "1" });
    expect(findOverride([a, b, c], "p", "m-cache", ts)?.id).toBe("specific");
    expect(findOverride([a, c], "p", "m-cache", ts)?.id).toBe("any-later");
  });
});
