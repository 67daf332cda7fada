/** A copy of `o` without `keys`, its other fields in their order: keeps internal pico figures out of API answers. */
export function omit<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}
