import { describe, expect, test } from "vitest";
import { actionsColumn } from "./actions-column";
import { toCsv } from "./csv-download";
import type { Column } from "./data-table";

type Row = { name: string };
const name: Column<Row> = { key: "name", label: "Name", value: (r) => r.name };
/** The CSV a DataTable offers for these columns (it leaves out `csv: false`). */
const csvOf = (cols: Column<Row>[]) =>
  toCsv(
    cols.filter((c) => c.csv !== false),
    [{ name: "a" }],
  );

describe("actionsColumn", () => {
  test.each([
    ["default: left out of the CSV", {}, "Name\r\na\r\n", undefined],
    ["right-aligned (admin tables)", { numeric: true }, "Name\r\na\r\n", true],
    ["empty CSV column kept", { emptyCsvColumn: true }, "Name,\r\na,\r\n", undefined],
  ])("%s", (_name, opts, csv, numeric) => {
    const col = actionsColumn<Row>(() => "button", opts);
    expect(csvOf([name, col])).toBe(csv);
    expect(col.numeric).toBe(numeric);
    expect(col.label).toBe("");
    expect(col.render?.({ name: "a" })).toBe("button");
  });
});
