import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { foldFeatureModelDays, type FeatureDayRow, type ModelDayRow } from "./anti-pattern-figures";

// the period starts on Wednesday 2026-11-11; its ISO week began on Monday 2026-11-09
const FROM = "2026-11-11";
const fd = (day: string, feature: string, cost: string, more: Partial<FeatureDayRow> = {}): FeatureDayRow => ({
  day,
  feature,
  cost,
  tokens: "100",
  events: 10,
  successes: 8,
  streamed: "50",
  delivered: "40",
  aborted: 1,
  top_model: "m1",
  top_input: "70",
  top_cached: "7",
  ...more,
});
const md = (day: string, model: string, cost: string): ModelDayRow => ({ day, model, cost });

describe("fold of (feature, day) rows", () => {
  const rows = [
    fd("2026-11-12", "chat", "0.2", { top_model: "m2", top_input: "90", top_cached: "0" }),
    fd("2026-11-02", "chat", "5", { tokens: "1000" }), // a trend week before the period
    fd("2026-11-10", "chat", "1", { tokens: "300", events: 3, successes: 1 }), // the period's week, before its first day
    fd("2026-11-11", "chat", "0.1", { tokens: "9007199254740000" }),
    fd("2026-11-03", "search", "9"), // only before the period: not a feature of the period
  ];
  const { features } = foldFeatureModelDays(rows, [], FROM);
  const chat = features[0];

  test("only features with a row in the period; their totals are the period's days alone", () => {
    expect(features.map((f) => f.feature)).toEqual(["chat"]);
    expect(chat.cost).toBe(parseUsd("0.3")); // 0.1 + 0.2 exactly, not the 6 of the earlier days
    expect(chat.tokens).toBe(9007199254740100); // integers stay exact below 2^53
    expect([chat.events, chat.streamed, chat.delivered, chat.aborted]).toEqual([20, 100, 80, 2]);
    expect(chat.dailyCost).toEqual(
      new Map([
        ["2026-11-11", parseUsd("0.1")],
        ["2026-11-12", parseUsd("0.2")],
      ]),
    );
  });

  test.each([
    // [week (Monday), tokens, cost, events, successes]
    ["2026-11-02", 1000, "5", 10, 8],
    ["2026-11-09", 300 + 9007199254740000 + 100, "1.3", 23, 17], // a week the period's first day cuts: both sides
  ] as const)("week %s sums every row of the wide range in it", (week, tokens, cost, events, successes) => {
    expect(chat.weeks.find((w) => w.week === week)).toEqual({ week, tokens, cost: parseUsd(cost), events, successes });
  });

  test("weeks oldest first; cache days are the period's, oldest first, with the day's dominant model", () => {
    expect(chat.weeks.map((w) => w.week)).toEqual(["2026-11-02", "2026-11-09"]);
    expect(chat.cacheDays).toEqual([
      { day: "2026-11-11", model: "m1", inputTokens: 70, cachedTokens: 7 },
      { day: "2026-11-12", model: "m2", inputTokens: 90, cachedTokens: 0 },
    ]);
  });
});

describe("fold of (model, day) rows", () => {
  test("period cost, last day with a row (even at cost 0), daily cost; rows before the period ignored", () => {
    const { models } = foldFeatureModelDays(
      [],
      [
        md("2026-11-13", "a", "0"),
        md("2026-11-12", "a", "0.000000000001"),
        md("2026-11-11", "a", "0.000000000002"),
        md("2026-11-01", "a", "7"),
      ],
      FROM,
    );
    expect(models).toEqual([
      {
        model: "a",
        cost: 3n,
        lastDay: "2026-11-13",
        dailyCost: new Map([
          ["2026-11-13", 0n],
          ["2026-11-12", 1n],
          ["2026-11-11", 2n],
        ]),
      },
    ]);
  });

  test.each([
    // [rows, ranking]
    [
      [md(FROM, "b", "1"), md(FROM, "a", "2")],
      ["a", "b"],
    ], // costliest first
    [
      [md(FROM, "b", "1"), md(FROM, "a", "1")],
      ["a", "b"],
    ], // equal cost: by name
    [
      [md(FROM, "a", "1"), md(FROM, "b", "0.5"), md("2026-11-12", "b", "0.5000001")],
      ["b", "a"],
    ], // summed over days
  ])("models ranked by period cost, then name: %j", (rows, ranking) => {
    expect(foldFeatureModelDays([], rows, FROM).models.map((m) => m.model)).toEqual(ranking);
  });

  test("features ranked the same way", () => {
    const rows = [fd(FROM, "b", "1"), fd(FROM, "c", "2"), fd(FROM, "a", "1")];
    expect(foldFeatureModelDays(rows, [], FROM).features.map((f) => f.feature)).toEqual(["c", "a", "b"]);
  });
});
