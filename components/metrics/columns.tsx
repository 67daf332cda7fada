import type { Column } from "../ui/data-table";

type CsvValue = string | number | boolean | null | undefined;
/** The fields of a row whose values can go to a CSV cell as they are. */
type PlainField<T> = { [K in keyof T]: T[K] extends CsvValue ? K : never }[keyof T] & string;

/** A second, smaller line in a table cell (a previous value, a method, a unit). */
export function CellNote({ children }: { children: React.ReactNode }) {
  return (
    <div className="muted" style={{ fontSize: 11 }}>
      {children}
    </div>
  );
}

/**
 * Columns of a dashboard table over rows of type T. `figure`: an API field shown right-aligned,
 * formatted by `format`; the CSV column is named after the field and carries the API value as
 * it is (money as the API's 6-decimal string). `after` adds what follows the figure in its cell
 * (a cost mark, a CellNote).
 */
export function columnsOf<T>() {
  return {
    figure<K extends PlainField<T>>(
      key: string,
      field: K,
      header: string,
      format: (value: T[K]) => React.ReactNode,
      after?: (row: T) => React.ReactNode,
    ): Column<T> {
      return {
        key,
        label: field,
        header,
        numeric: true,
        value: (r) => r[field] as CsvValue,
        render: after
          ? (r) => (
              <>
                {format(r[field])}
                {after(r)}
              </>
            )
          : (r) => format(r[field]),
      };
    },
  };
}
