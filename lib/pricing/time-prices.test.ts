import { describe, expect, test } from "vitest";
import { toDecimalString } from "../money";
import { allocateTimeCost, apportion, timeCost, type ServedCall } from "./time-prices";

const H = 3_600_000n;
const calls: ServedCall[] = [
  { key: "search", tokens: 3_000_000n, requests: 100 },
  { key: "chat", tokens: 1_000_000n, requests: 300 },
];
const shares = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, toDecimalString(v)]));

describe("time-based endpoint prices", () => {
  test.each([
    ["1 GPU-hour at $2.50 = 2.5", "2.50", H, "2.500000000000"],
    ["90 s at $2.50/h = 2.5 × 90/3600 = 0.0625", "2.50", 90_000n, "0.062500000000"],
    ["1 ms at $1/h = 1e12/3.6e6 pico = 277,777.78 → 277,778 pico (half-even)", "1", 1n, "0.000000277778"],
    ["30 days at $3.10/h = 3.10 × 720 = 2,232", "3.10", 720n * H, "2232.000000000000"],
  ])("%s", (_n, rate, ms, cost) => {
    expect(toDecimalString(timeCost(rate, ms))).toBe(cost);
  });

  test.each([
    ["by tokens: 10 h × $2 = 20 → search 3M/4M = 15, chat 1M/4M = 5", "tokens", { search: "15.000000000000", chat: "5.000000000000" }],
    ["by requests: 20 → search 100/400 = 5, chat 300/400 = 15", "requests", { search: "5.000000000000", chat: "15.000000000000" }],
  ] as const)("%s", (_n, rule, expected) => {
    const a = allocateTimeCost({ perHourUsd: "2", ms: 10n * H, rule, calls });
    expect(toDecimalString(a.costPico)).toBe("20.000000000000");
    expect(shares(a.shares)).toEqual(expected);
    expect(a.idlePico).toBe(0n);
  });

  test("an endpoint that served nothing: the whole 1 h × $4 = 4 is idle", () => {
    const a = allocateTimeCost({ perHourUsd: "4", ms: H, rule: "tokens", calls: [] });
    expect(a.shares.size).toBe(0);
    expect(toDecimalString(a.idlePico)).toBe("4.000000000000");
  });

  test("shares sum exactly: 10 pico over three equal calls → 4 + 3 + 3 (the remainder to the first key)", () => {
    const m = apportion(10n, [
      { key: "a", weight: 1n },
      { key: "b", weight: 1n },
      { key: "c", weight: 1n },
    ]);
    expect([...m.values()].reduce((s, v) => s + v, 0n)).toBe(10n);
    expect(Object.fromEntries(m)).toEqual({ a: 4n, b: 3n, c: 3n });
  });
});
