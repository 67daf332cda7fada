import { describe, expect, it } from "vitest";
import { filterErrorText, invalidDatesText, invalidDateParams, isCalendarDay, periodProblem } from "./filter-errors";

describe("filter errors in the form's terms", () => {
  it.each([
    ["2026-10-05", "2026-10-02", /“To \(inclusive\)” 2026-10-01 is before “From” 2026-10-05/],
    ["2026-10-05", "2026-10-05", /2026-10-04 is before “From” 2026-10-05/],
    ["2024-01-01", "2026-01-01", /at most 400 days/],
  ])("from %s, to %s (exclusive)", (from, to, msg) => expect(periodProblem(from, to)).toMatch(msg));

  it("a valid period has no problem", () => expect(periodProblem("2026-10-01", "2026-11-01")).toBeNull());

  it("the API's `to is exclusive` becomes the To (inclusive) field, never mentioning exclusivity", () => {
    const text = filterErrorText([{ path: "to", message: "`to` must be after `from` (to is exclusive)" }], {
      from: "2026-10-05",
      to: "2026-10-02",
    })!;
    expect(text).toMatch(/Choose a To date on or after the From date/);
    expect(text).not.toMatch(/exclusive/);
  });

  it("non-filter issues are left to the generic error", () => {
    expect(filterErrorText([{ path: "body.x", message: "bad" }], {})).toBeNull();
  });
});

describe("dates in the URL that are not on the calendar (issue 19: /overview?from=2026-13-45)", () => {
  it.each([
    ["2026-01-31", true],
    ["2026-02-29", false],
    ["2024-02-29", true],
    ["2026-13-45", false],
    ["2026-1-5", false],
    ["100%zz", false],
  ])("isCalendarDay(%s) = %s", (s, ok) => {
    expect(isCalendarDay(s)).toBe(ok);
  });

  it("ignores only the bad date filters and says so in the form's terms", () => {
    const ignored = invalidDateParams({ from: "2026-13-45", to: "2026-02-01", team: "x", as_of: "nope" });
    expect(ignored).toEqual({ from: "2026-13-45", as_of: "nope" });
    expect(invalidDatesText(ignored)).toBe(
      "“From” “2026-13-45” is not a date (YYYY-MM-DD); “As of” “nope” is not a date (YYYY-MM-DD): showing the default period instead. Pick the days in the form, or use Reset.",
    );
    expect(invalidDatesText({})).toBeNull();
  });
});
