import { expect, test } from "vitest";
import { displayUsd, parseUsd } from "../money";
import { describeMover, largestMovers } from "./movers";

const r = (key: string, current: string, previous: string) => ({ key, current: parseUsd(current), previous: parseUsd(previous) });

test("ranks by absolute change, drops unchanged, ties by key", () => {
  const m = largestMovers([r("a", "10", "10"), r("b", "5", "15"), r("c", "30", "20"), r("d", "0", "10"), r("e", "7", "0")], 4);
  expect(m.map((x) => [x.key, x.kind])).toEqual([
    ["b", "down"],
    ["c", "up"],
    ["d", "gone"],
    ["e", "new"],
  ]);
  expect(m[0].relative).toBeCloseTo(-2 / 3, 5);
  expect(m[3].relative).toBeNull();
});

test.each([
  [r("chat", "150", "100"), "Feature chat rose by $50.00 (+50.0%) to $150.00."],
  [r("chat", "50", "100"), "Feature chat fell by $50.00 (-50.0%) to $50.00."],
  [r("chat", "5", "0"), "Feature chat is new this month: $5.00."],
  [r("chat", "0", "5"), "Feature chat had no spend this month (was $5.00)."],
])("describe %#", (row, text) => {
  expect(describeMover(largestMovers([row])[0], "Feature", (p) => displayUsd(p))).toBe(text);
});
