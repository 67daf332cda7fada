import { describe, expect, test } from "vitest";
import { ITEM_IDS, ITEMS } from "./items";
import { levelFor, nextSteps, scoreAnswers, type Answers } from "./score";

function withYes(n: number): Answers {
  return Object.fromEntries(ITEM_IDS.map((id, i) => [id, i < n])) as Answers;
}

describe("scoring", () => {
  test.each([
    [0, "crawl"],
    [4, "crawl"],
    [5, "walk"],
    [8, "walk"],
    [9, "run"],
    [13, "run"],
  ] as const)("%i yes → %s", (n, level) => {
    const answers = withYes(n);
    expect(scoreAnswers(answers)).toBe(n);
    expect(levelFor(scoreAnswers(answers))).toBe(level);
  });

  test("only `true` counts (false and missing do not)", () => {
    expect(scoreAnswers({ "visibility.per_feature_tokens": true, "unit.weekly_trend": false })).toBe(1);
  });

  test.each([-1, 14, 2.5])("rejects score %s", (s) => {
    expect(() => levelFor(s)).toThrow(RangeError);
  });

  test("thirteen items with the SPEC ids, four groups", () => {
    expect(ITEMS.map((i) => i.id)).toEqual([...ITEM_IDS]);
    expect(ITEM_IDS).toHaveLength(13);
    expect(new Set(ITEMS.map((i) => i.group))).toEqual(new Set(["visibility", "unit", "optimize", "govern"]));
  });

  test("next steps: crawl starts with visibility and lists its gaps", () => {
    const r = nextSteps({ "visibility.per_feature_tokens": true });
    expect(r.level).toBe("crawl");
    expect(r.groups[0].group).toBe("visibility");
    expect(r.groups[0].yes).toBe(1);
    expect(r.groups[0].gaps.map((g) => g.id)).toEqual(["visibility.request_metadata", "visibility.minutes_fresh"]);
  });

  test("next steps: run starts with governance", () => {
    const r = nextSteps(withYes(13));
    expect(r.groups[0].group).toBe("govern");
    expect(r.groups.every((g) => g.gaps.length === 0)).toBe(true);
  });
});
