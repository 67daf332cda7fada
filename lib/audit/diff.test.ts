import { describe, expect, it } from "vitest";
import { changes, isNoOp } from "./diff";

describe("audit diff", () => {
  it.each([
    [
      "one field changed",
      { role: "VIEWER", team: "support" },
      { role: "FINANCE", team: "support" },
      [{ field: "role", before: "VIEWER", after: "FINANCE" }],
    ],
    ["created", null, { name: "k" }, [{ field: "name", before: "—", after: "k" }]],
    ["deleted", { name: "k" }, null, [{ field: "name", before: "k", after: "—" }]],
    ["nested", { a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, [{ field: "a.c", before: "2", after: "3" }]],
    ["added field", { a: 1 }, { a: 1, b: null }, []],
    ["unchanged", { a: "1.000000", b: [1, 2] }, { a: "1.000000", b: [1, 2] }, []],
  ])("%s", (_n, before, after, expected) => {
    expect(changes(before, after)).toEqual(expected);
  });

  it("an update that changes nothing is a no-op; a creation or a deletion never is", () => {
    expect(isNoOp({ threshold: "0.10" }, { threshold: "0.10" })).toBe(true);
    expect(isNoOp({ threshold: "0.10" }, { threshold: "0.20" })).toBe(false);
    expect(isNoOp(undefined, { threshold: "0.10" })).toBe(false);
    expect(isNoOp(null, { threshold: "0.10" })).toBe(false);
  });
});
