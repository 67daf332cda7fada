/**
 * A hand-built table in its scrolling box (focusable, so a keyboard can scroll it): `head` is the
 * header row's cells, `children` the body rows. DataTable draws its own; this is for tables whose
 * cells hold inputs or whose CSV is not the columns shown.
 */
export function ScrollTable({ label, head, children }: { label?: string; head: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table" aria-label={label}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
