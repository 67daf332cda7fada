/** The <option>s of a select: plain values (shown as they are) or [value, label] pairs. */
export function Options({ items }: { items: readonly (string | readonly [string, string])[] }) {
  return items.map((item) => {
    const [value, label] = typeof item === "string" ? [item, item] : item;
    return (
      <option key={value} value={value}>
        {label}
      </option>
    );
  });
}

/** The suggestions an input offers (`list={id}`): known names, while any other value may still be typed. */
export function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}
