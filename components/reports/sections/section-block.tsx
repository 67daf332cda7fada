import type { Section } from "@/lib/reports/get-board-report";
import { sectionHeading, type SectionId } from "@/lib/reports/sections";

export function Unavailable({ s }: { s: { ok: false; message: string } }) {
  return <p className="note">{s.message}</p>;
}

/** One numbered section: its heading from SECTIONS, its body, or why it could not be computed. */
export function SectionBlock<T>({
  id,
  s,
  children,
  newPage,
}: {
  id: SectionId;
  s: Section<T>;
  children: (data: T) => React.ReactNode;
  newPage?: boolean;
}) {
  return (
    <section className={newPage ? "rsec rsec-newpage" : "rsec"} aria-labelledby={id}>
      <h2 id={id}>{sectionHeading(id)}</h2>
      {s.ok ? children(s.data) : <Unavailable s={s} />}
    </section>
  );
}
