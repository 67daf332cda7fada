import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { correctRate, costPerCorrectOutput, costPerResolvedTask, rateAtLeast, successRate, tokenEfficiencyRatio } from "./rates";
import { leaderboard } from "./leaderboard";

describe("TER = Σ output / Σ input", () => {
  test.each([
    [300n, 1200n, 0.25],
    [0n, 100n, 0],
    [100n, 0n, null],
    [1n, 3n, 0.333333],
  ])("%s / %s → %s", (o, i, e) => expect(tokenEfficiencyRatio(o, i)).toBe(e));
});

describe("rates", () => {
  test.each([
    [3, 4, 0.75],
    [0, 4, 0],
    [0, 0, null],
  ])("success %i/%i → %s (unknown outcomes count in the denominator)", (s, n, e) => expect(successRate(s, n)).toBe(e));
  test.each([
    [9, 10, 0.9],
    [0, 0, null],
  ])("correct %i/%i → %s", (c, n, e) => expect(correctRate(c, n)).toBe(e));
  test.each([
    [1, 2, 2, 4, true],
    [1, 3, 1, 2, false],
    [2, 3, 1, 2, true],
  ])("%i/%i ≥ %i/%i is %s", (a, b, c, d, e) => expect(rateAtLeast(a, b, c, d)).toBe(e));
});

describe("cost per correct output / per resolved task", () => {
  test.each([
    ["10", 4, "2.5"],
    ["10", 3, "3.333333333333"],
    ["10", 0, null],
  ])("%s USD / %i correct → %s", (c, n, e) => expect(costPerCorrectOutput(parseUsd(c), n)).toBe(e === null ? null : parseUsd(e)));

  test("all tasks' cost over the tasks whose last outcome is success", () => {
    const r = costPerResolvedTask([
      { cost: parseUsd("1"), lastOutcome: "success" },
      { cost: parseUsd("2"), lastOutcome: "failure" },
      { cost: parseUsd("3"), lastOutcome: "success" },
    ]);
    expect(r).toEqual({ tasks: 3, resolved: 2, totalCost: parseUsd("6"), perResolved: parseUsd("3") });
    expect(costPerResolvedTask([{ cost: 5n, lastOutcome: "failure" }]).perResolved).toBeNull();
  });
});

describe("leaderboard: highest TER among those whose correct rate did not fall", () => {
  const row = (key: string, out: bigint, ct: number, cs: number, pt: number, ps: number) => ({
    key,
    inputTokens: 1000n,
    outputTokens: out,
    correctTrue: ct,
    correctSet: cs,
    prevCorrectTrue: pt,
    prevCorrectSet: ps,
  });
  test("a team that raised TER by losing quality is not ranked", () => {
    const board = leaderboard([
      row("a", 500n, 8, 10, 9, 10),
      row("b", 300n, 9, 10, 9, 10),
      row("c", 200n, 5, 10, 0, 0),
      row("d", 900n, 0, 0, 0, 0),
    ]);
    expect(board.map((e) => [e.key, e.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", null],
      ["d", null],
    ]);
    expect(board.find((e) => e.key === "a")!.reason).toMatch(/fell/);
    expect(board.find((e) => e.key === "d")!.reason).toMatch(/no correctness/);
  });
});
