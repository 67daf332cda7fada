/**
 * A table of the board report (print styles in board-report.css: `rtable`, numeric cells `n`).
 * Each column gives its heading and its cell; `n` right-aligns a figure in the heading and the cells.
 */
export type ReportColumn<T> = { head: React.ReactNode; cell: (row: T, index: number) => React.ReactNode; n?: boolean; cellClass?: string };

export function ReportTable<T>({
  columns,
  rows,
  rowKey,
  foot,
  className = "rtable",
  testId,
}: {
  columns: ReportColumn<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string | number;
  /** rows of the table's foot (totals) */
  foot?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, j) => (
            <th key={j} className={c.n ? "n" : undefined}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)}>
            {columns.map((c, j) => (
              <td key={j} className={c.n ? "n" : c.cellClass}>
                {c.cell(row, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
}
