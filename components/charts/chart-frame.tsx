import { moneyCell } from "@/lib/format";

/**
 * A chart and its accessible table form: screen readers get the description and the table;
 * everyone can open "Show as table".
 */
export function ChartFrame({
  title,
  description,
  table,
  children,
  height = 260,
}: {
  title: string;
  description: string;
  /** `money`: indexes of the columns that hold USD amounts (shown with a currency) */
  table: { columns: string[]; rows: (string | number)[][]; money?: number[] };
  children: React.ReactNode;
  height?: number;
}) {
  return (
    <figure className="card" style={{ margin: 0 }}>
      <figcaption>
        <h2 style={{ marginBottom: 4 }}>{title}</h2>
        <p className="muted" style={{ margin: "0 0 8px", fontSize: 12 }}>
          {description}
        </p>
      </figcaption>
      <div role="img" aria-label={`${title}: ${description}`} style={{ width: "100%", height }}>
        {children}
      </div>
      <details style={{ marginTop: 8 }}>
        <summary className="muted" style={{ cursor: "pointer", fontSize: 12 }}>
          Show as table
        </summary>
        <div className="table-wrap" tabIndex={0} style={{ maxHeight: 280, overflowY: "auto" }}>
          <table className="table">
            <caption className="muted" style={{ textAlign: "left", fontSize: 12 }}>
              {title}
            </caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={j > 0 ? "num" : undefined}>
                      {table.money?.includes(j) ? moneyCell(v) : v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
