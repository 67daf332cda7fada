import { expect, test } from "vitest";
import { nulIssues } from "./nul";

test("finds NUL bytes in strings and keys at any depth, with their paths", () => {
  expect(nulIssues({ team: "a\u0000b", ok: "x" })).toEqual([{ path: "team", message: expect.stringMatching(/NUL byte/) }]);
  expect(nulIssues({ rows: [{ feature: "ok" }, { feature: "\u0000" }] }).map((i) => i.path)).toEqual(["rows.1.feature"]);
  expect(nulIssues({ ["k\u0000"]: 1 }).map((i) => i.path)).toEqual(["k\\u0000"]);
  expect(nulIssues("\u0000")).toHaveLength(1);
  expect(nulIssues({ a: 1, b: null, c: [true, "fine"] })).toEqual([]);
  expect(nulIssues({ x: "\u0000" }, "params.").map((i) => i.path)).toEqual(["params.x"]);
});
