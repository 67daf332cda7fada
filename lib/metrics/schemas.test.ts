import { describe, expect, test } from "vitest";
import { efficiencyQuery, filtersQuery } from "./schemas";
import { resolvePeriod } from "../time";

describe("read API query strings", () => {
  test.each([
    [{ from: "2026-01-01", to: "2026-02-01" }, true],
    [{ from: "2026-13-01" }, false],
    [{ from: "2026-02-30" }, false],
    [{ from: "yesterday" }, false],
    [{ from: "2026-02-01", to: "2026-01-01" }, false],
    [{ colour: "red" }, false],
  ])("%j valid: %s", (q, ok) => expect(filtersQuery.safeParse(q).success).toBe(ok));
  test("unknown parameter is named", () => {
    const r = filtersQuery.safeParse({ colour: "red" });
    expect(JSON.stringify(r.error!.issues)).toContain("colour");
  });
  test("group_by is feature or team", () => {
    expect(efficiencyQuery.safeParse({ group_by: "team" }).success).toBe(true);
    expect(efficiencyQuery.safeParse({ group_by: "model" }).success).toBe(false);
  });
  test("default period: the 30 days ending today, to exclusive", () => {
    expect(resolvePeriod({}, new Date("2026-11-22T10:00:00Z"))).toEqual({ from: "2026-10-24", to: "2026-11-23", days: 30 });
    expect(resolvePeriod({ from: "2026-01-01" })).toMatchObject({ to: "2026-01-31", days: 30 });
  });
});
