import { expect, test } from "vitest";
import { droppedParamsText, withoutNul } from "./search-params";

test("drops values (and keys) holding a NUL byte, keeps the rest as given", () => {
  const { params, dropped } = withoutNul({ team: "plat\u0000form", from: "2026-01-01", compare: ["a", "b\u0000"], view: undefined });
  expect(params).toEqual({ from: "2026-01-01", view: undefined });
  expect(dropped).toEqual(["team", "compare"]);
  expect(droppedParamsText(dropped)).toMatch(/Ignored “team”, “compare”.*NUL byte/);
  expect(withoutNul({ ["a\u0000"]: "x" }).dropped).toEqual(["a\\u0000"]);
  expect(droppedParamsText([])).toBeNull();
});
