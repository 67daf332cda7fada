import { describe, expect, test } from "vitest";
import { backoffMs, FailureLimiter, Lru } from "./lru";

describe("Lru", () => {
  test("keeps at most max entries, forgetting the least recently used", () => {
    const l = new Lru<string, number>(2);
    l.set("a", 1);
    l.set("b", 2);
    expect(l.get("a")).toBe(1); // a is now the most recent
    l.set("c", 3);
    expect(l.size).toBe(2);
    expect(l.get("b")).toBeUndefined();
    expect(l.get("a")).toBe(1);
    expect(l.get("c")).toBe(3);
  });
});

const P = { free: 3, baseMs: 1000, maxMs: 8000, windowMs: 60_000 };
test.each([
  [0, 0],
  [2, 0],
  [3, 1000],
  [4, 2000],
  [5, 4000],
  [6, 8000],
  [40, 8000],
])("backoff after %i failures: %i ms", (failures, ms) => {
  expect(backoffMs(failures, P)).toBe(ms);
});

test("FailureLimiter: blocks after the free failures, forgets them after the window", () => {
  const f = new FailureLimiter(P, 10);
  for (let i = 0; i < 3; i++) f.fail("k", i);
  expect(f.retryAfterMs("k", 3)).toBe(999);
  expect(f.retryAfterMs("other", 3)).toBe(0);
  // a failure long after the last one starts counting again
  f.fail("k", 100_000);
  expect(f.retryAfterMs("k", 100_000)).toBe(0);
});
