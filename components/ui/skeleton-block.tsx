/** Loading placeholder shaped like the block it stands for. */
export function SkeletonBlock({ height = 220, label = "Loading" }: { height?: number; label?: string }) {
  return <div className="skeleton" role="status" aria-label={label} style={{ height, marginBottom: 16 }} />;
}

export function SkeletonStats({ n = 4 }: { n?: number }) {
  return (
    <div className={`grid grid-${n}`} style={{ marginBottom: 16 }}>
      {Array.from({ length: n }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: 84 }} aria-hidden />
      ))}
    </div>
  );
}
