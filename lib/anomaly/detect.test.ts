import { expect, test } from "vitest";
import { parseUsd } from "../money";
import { baselinePerMinute, isAnomalous, medianPico, sameHourPreviousDays } from "./detect";

const usd = parseUsd;

test.each([
  { values: [], want: "0" },
  { values: ["1", "3", "2"], want: "2" },
  { values: ["1", "2", "3", "10"], want: "2.5" },
])("median of $values", ({ values, want }) => {
  expect(medianPico(values.map(usd))).toBe(usd(want));
});

// baseline: $6 per hour on most of the previous days → $0.10 per minute
const history = ["6", "6", "6", "0", "6", "60", "6"].map(usd);

test.each([
  { name: "5× burst trips", minute: "0.5", fixed: null, want: true },
  { name: "exactly 4× (300 % above) trips", minute: "0.4", fixed: null, want: true },
  { name: "2× does not", minute: "0.2", fixed: null, want: false },
  { name: "3.99× does not", minute: "0.399", fixed: null, want: false },
  { name: "fixed baseline wins", minute: "0.5", fixed: "1", want: false },
  { name: "no baseline, no judgement", minute: "100", fixed: "0", want: false },
])("$name", ({ minute, fixed, want }) => {
  const b = baselinePerMinute(history, fixed === null ? null : usd(fixed));
  expect(isAnomalous(usd(minute), b)).toBe(want);
});

test.each([
  { events: 1, want: false },
  { events: 2, want: false },
  { events: 3, want: true },
])("a 5× minute with $events events: $want", ({ events, want }) => {
  expect(isAnomalous(usd("0.5"), usd("0.1"), events)).toBe(want);
});

test("same hour on the previous 7 days", () => {
  const hs = sameHourPreviousDays(new Date("2026-11-22T10:37:00Z"));
  expect(hs[0].toISOString()).toBe("2026-11-21T10:00:00.000Z");
  expect(hs[6].toISOString()).toBe("2026-11-15T10:00:00.000Z");
});
