import { expect, test } from "vitest";
import { csvCell, csvFromTable, toCsv } from "./to-csv";

test.each([
  ["plain", "plain"],
  ["a,b", '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ["two\nlines", '"two\nlines"'],
  ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["-12.5", "-12.5"],
  ["-12.500000", "-12.500000"],
  ["42", "42"],
  // issue 19 item 8: starts like a negative number, is a formula
  ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
  ["-1+1", "'-1+1"],
  ["-1e3", "'-1e3"],
  ["-12.5,=1", '"\'-12.5,=1"'],
  ["+41", "'+41"],
  ["+", "'+"],
  ["-", "'-"],
  ["\t=1", "'\t=1"],
  ["\r=1", '"\'\r=1"'],
  [-12.5, "-12.5"],
  [1e-7, "1e-7"],
  [null, ""],
  [3, "3"],
  [{ a: 1 }, '"{""a"":1}"'],
] as const)("csvCell(%j) = %s", (input, expected) => {
  expect(csvCell(input)).toBe(expected);
});

test("numeric fields stay numbers (JS numbers and bigints are never escaped)", () => {
  expect(csvCell(-3n)).toBe("-3");
  expect(csvCell(-0.5)).toBe("-0.5");
});

test("tables and objects end every line with CRLF", () => {
  expect(
    csvFromTable(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        [null, 3],
      ],
    ),
  ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  expect(
    toCsv([
      { a: 1, b: "x" },
      { a: 2, b: null },
    ]),
  ).toBe("a,b\r\n1,x\r\n2,\r\n");
  expect(toCsv([], ["a"])).toBe("a\r\n");
});
