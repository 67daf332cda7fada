/** A card named by its title (the region's accessible name), with actions such as a CSV download beside the title. */
export function TitledSection({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="page-head" style={{ marginBottom: 8 }}>
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
