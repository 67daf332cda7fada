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
  [null, ""],
  [3, "3"],
  [{ a: 1 }, '"{""a"":1}"'],
] as const)("csvCell(%j) = %s", (input, expected) => {
  expect(csvCell(input)).toBe(expected);
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
