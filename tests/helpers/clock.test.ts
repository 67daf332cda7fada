import { expect, test } from "vitest";
import { recentInThisMonth } from "./clock";

test.each([
  ["mid-month: exactly msAgo before now", Date.parse("2026-03-15T12:00:00Z"), 300_000, "2026-03-15T11:55:00.000Z"],
  ["first minutes of a month: clamped to the month start", Date.parse("2026-03-01T00:02:00Z"), 300_000, "2026-03-01T00:00:00.000Z"],
  ["new year", Date.parse("2027-01-01T00:00:30Z"), 60_000, "2027-01-01T00:00:00.000Z"],
])("%s", (_, now, ago, want) => expect(recentInThisMonth(ago, now)).toBe(want));
