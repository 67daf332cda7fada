import { describe, expect, it } from "vitest";
import { filterErrorText, periodProblem } from "./filter-errors";

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
