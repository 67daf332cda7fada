import { describe, expect, test } from "vitest";
import { quoteIdent, sqlIdent, sqlIdents } from "./ident";

describe("quoteIdent", () => {
  test("quotes plain names, keeping their case", () => {
    expect(quoteIdent("InteractionStats")).toBe('"InteractionStats"');
    expect(quoteIdent("CostEvent_2026_01")).toBe('"CostEvent_2026_01"');
    expect(quoteIdent("_x9")).toBe('"_x9"');
  });

  test("refuses anything that is not a plain identifier", () => {
    for (const bad of ["", "1day", 'a"b', "a b", "x; DROP TABLE y", "d.team", "naïve", "col--", "t)"]) {
      expect(() => quoteIdent(bad)).toThrow(/not an SQL identifier/);
    }
  });

  test("sqlIdent / sqlIdents build qualified lists", () => {
    expect(sqlIdent("team", "d").sql).toBe('"d"."team"');
    expect(sqlIdents(["day", "costUsd"], "c").sql).toBe('"c"."day", "c"."costUsd"');
    expect(() => sqlIdent("team", "d; --")).toThrow();
  });
});
