export function EmptyState({ title, children, code }: { title: string; children?: React.ReactNode; code?: string }) {
  return (
    <div className="card empty">
      <h2>{title}</h2>
      {children && <div style={{ maxWidth: 640, margin: "0 auto 12px" }}>{children}</div>}
      {code && <pre>{code}</pre>}
    </div>
  );
}
