/**
 * An event id short enough for a table column: ids up to `max` characters stay whole; longer
 * ones keep their start and end (ids from one source share a prefix and differ at the end).
 */
export function shortId(id: string, max = 10): string {
  if (id.length <= max) return id;
  const tail = Math.floor((max - 1) / 2);
  return `${id.slice(0, max - 1 - tail)}…${id.slice(-tail)}`;
}
