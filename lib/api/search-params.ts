import { hasNul } from "./nul";

/**
 * A page's search parameters with every value that holds a NUL byte dropped (PostgreSQL text
 * cannot hold one: it would turn the page into the error page), and the names dropped, for the
 * page to say which filter it ignored. The API's route wrapper refuses the same values with a
 * 400 (lib/api/nul.ts). Pure.
 */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export function withoutNul<T extends RawSearchParams>(sp: T): { params: T; dropped: string[] } {
  const params: RawSearchParams = {};
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(sp)) {
    const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (hasNul(k) || values.some(hasNul)) dropped.push(k.replace(/\u0000/g, "\\u0000"));
    else params[k] = v;
  }
  return { params: params as T, dropped };
}

/** The sentence a page shows for dropped parameters, or null. */
export function droppedParamsText(dropped: string[]): string | null {
  if (!dropped.length) return null;
  const names = dropped.map((d) => `“${d}”`).join(", ");
  return `Ignored ${names}: the address held a NUL byte (%00), which no filter value may contain. Choose the filter again from the form.`;
}
