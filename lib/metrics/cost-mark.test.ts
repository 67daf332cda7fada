import { describe, expect, it } from "vitest";
import { costMark, costMarkLabel } from "./cost-mark";

describe("costMark: unpriced or absent usage never reads as free", () => {
  it.each([
    [{ events: 120, unpricedEvents: 120 }, "unpriced"],
    [{ events: 120, unpricedEvents: 3 }, "partly_unpriced"],
    [{ events: 120, unpricedEvents: 0 }, null],
    [{ events: 0, unpricedEvents: 0 }, "no_usage"],
    [undefined, "no_usage"],
  ] as const)("%j → %s", (x, mark) => expect(costMark(x)).toBe(mark));

  it("labels say what to do", () => {
    expect(costMarkLabel("unpriced")).toMatch(/price-book override/);
    expect(costMarkLabel("partly_unpriced", { events: 10, unpricedEvents: 2 })).toMatch(/2 of 10/);
    expect(costMarkLabel(null)).toBeNull();
  });
});
