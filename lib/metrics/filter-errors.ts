import { DAY_MS } from "../time";
/**
 * Filter problems in the filter bar's own terms. The API speaks of `from` (inclusive) and `to`
 * (exclusive); the form shows "From" and "To (inclusive)" = to − 1 day. Pure.
 */
const lastDay = (toExclusive: string) => new Date(Date.parse(toExclusive + "T00:00:00Z") - DAY_MS).toISOString().slice(0, 10);

/** A day "YYYY-MM-DD" that exists on the calendar. */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(s + "T00:00:00Z");
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

/** The URL's date filters (from, to, as_of) that are not calendar days: the filter bar ignores them. */
export function invalidDateParams(raw: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["from", "to", "as_of"]) {
    const v = raw[k];
    if (v && !isCalendarDay(v)) out[k] = v;
  }
  return out;
}

/** What the filter bar says about ignored date filters, in its own terms, or null. */
export function invalidDatesText(ignored: Record<string, string>): string | null {
  const parts = Object.entries(ignored).map(([k, v]) => `${FIELD[k] ?? k} “${v}” is not a date (YYYY-MM-DD)`);
  if (!parts.length) return null;
  return `${parts.join("; ")}: showing the default period instead. Pick the days in the form, or use Reset.`;
}

/** What is wrong with the period the URL holds, or null. `to` is exclusive, as in the URL. */
export function periodProblem(from: string | undefined, to: string | undefined, maxDays = 400): string | null {
  if (!from || !to) return null;
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (!Number.isFinite(days)) return null;
  if (days <= 0) return `“To (inclusive)” ${lastDay(to)} is before “From” ${from}. Choose a To date on or after the From date.`;
  if (days > maxDays) return `The period is ${days} days long; choose at most ${maxDays} days between “From” and “To (inclusive)”.`;
  return null;
}

const FIELD: Record<string, string> = {
  from: "“From”",
  to: "“To (inclusive)”",
  feature: "“Feature”",
  team: "“Team”",
  tier: "“Tier”",
  model: "“Model”",
  environment: "“Environment”",
  as_of: "“As of”",
};

/**
 * A 400 from a read API, told in the form's terms: which filter to change and how. Null when
 * the issues are not about filters (then the caller shows the generic error).
 */
export function filterErrorText(
  issues: { path: string; message: string }[] | undefined,
  params: Record<string, string | undefined>,
): string | null {
  if (!issues?.length) return null;
  const out: string[] = [];
  for (const i of issues) {
    const key = i.path.split(".")[0];
    if (key === "to" || key === "from") {
      out.push(periodProblem(params.from, params.to) ?? `${FIELD[key]}: ${i.message.replace(/`/g, "")}.`);
    } else if (FIELD[key]) {
      out.push(`${FIELD[key]}: ${i.message}.`);
    } else if (/unrecognized|unknown/i.test(i.message)) {
      out.push(`The address holds a filter this page does not know (${i.message}); use Reset.`);
    } else return null;
  }
  return [...new Set(out)].join(" ");
}
