import { expect, test } from "vitest";
import { parseUsd, toDecimalString } from "../money";
import { allocate, type AllocationContext } from "./allocate";
import type { AllocationRule } from "../costs/schemas";

const ctx: AllocationContext = {
  directByTeam: new Map([
    ["search", parseUsd("30")],
    ["support", parseUsd("10")],
    ["unallocated", parseUsd("60")],
  ]),
  knownTeams: ["growth", "search", "support"],
  featureOwner: new Map([
    ["chatbot", "support"],
    ["docs", null],
  ]),
  featureTeamCost: new Map([
    [
      "docs",
      new Map([
        ["search", parseUsd("1")],
        ["growth", parseUsd("3")],
      ]),
    ],
  ]),
};
const empty: AllocationContext = { directByTeam: new Map(), knownTeams: [], featureOwner: new Map(), featureTeamCost: new Map() };

test.each<{ name: string; rule: AllocationRule; c?: AllocationContext; want: Record<string, string> }>([
  {
    name: "proportional ignores unallocated direct cost",
    rule: { rule: "proportional" },
    want: { search: "75.000000000000", support: "25.000000000000" },
  },
  {
    name: "proportional without direct cost stays unallocated",
    rule: { rule: "proportional" },
    c: empty,
    want: { unallocated: "100.000000000000" },
  },
  {
    name: "even over known teams",
    rule: { rule: "even" },
    want: { growth: "33.333333333334", search: "33.333333333333", support: "33.333333333333" },
  },
  {
    name: "percentages, the rest unallocated",
    rule: { rule: "percentages", percentages: { search: "40", support: "35.5" } },
    want: { search: "40.000000000000", support: "35.500000000000", unallocated: "24.500000000000" },
  },
  { name: "direct to a team", rule: { rule: "direct", team: "growth" }, want: { growth: "100.000000000000" } },
  { name: "direct to an owned feature", rule: { rule: "direct", feature: "chatbot" }, want: { support: "100.000000000000" } },
  {
    name: "direct to an unowned feature follows its usage",
    rule: { rule: "direct", feature: "docs" },
    want: { growth: "75.000000000000", search: "25.000000000000" },
  },
  {
    name: "direct to an unknown feature stays unallocated",
    rule: { rule: "direct", feature: "nope" },
    want: { unallocated: "100.000000000000" },
  },
])("$name", ({ rule, c, want }) => {
  const out = allocate(parseUsd("100"), rule, c ?? ctx);
  expect(Object.fromEntries([...out].map(([k, v]) => [k, toDecimalString(v)]).sort())).toEqual(want);
});

test("percentages over 100 are refused", () => {
  expect(() => allocate(parseUsd("1"), { rule: "percentages", percentages: { a: "60", b: "50" } }, ctx)).toThrow();
});
