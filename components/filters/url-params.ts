import { invalidDateParams } from "@/lib/metrics/filter-errors";

/** `team=all` in the URL: every team, even for a lead whose dashboards default to their own. */
export const ALL = "all";

/** The global filter state lives in the URL: share a link, reload, get the same view. */
export const FILTER_KEYS = ["from", "to", "feature", "team", "tier", "model", "environment"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Filter values that apply when the URL says nothing: an engineering lead's own team. */
export type FilterDefaults = { team?: string | null };

/** The dashboards' defaults for a member: an engineering lead's own team. */
export function filterDefaultsOf(member: { role: string; teamName: string | null }): FilterDefaults {
  return { team: member.role === "ENGINEERING_LEAD" ? member.teamName : null };
}

/**
 * The filters a dashboard asks the API with, from the URL (pure: the client's useUrlParams and
 * the page's server-side first paint both call it, so both build the same query key). A date
 * that is not on the calendar (?from=2026-13-45) is ignored, not passed on: the period falls
 * back to the default and the filter bar says so (invalidDatesText).
 */
export function filterParams(get: (key: string) => string | null | undefined, keys: readonly string[], defaults: FilterDefaults) {
  const ignored = invalidDateParams(Object.fromEntries(keys.map((k) => [k, get(k) ?? null])));
  const params: Record<string, string> = {};
  for (const k of keys) {
    const v = get(k);
    if (k === "team" && v === ALL) continue;
    if (v && k in ignored) continue;
    if (v) params[k] = v;
    else if (k === "team" && defaults.team) params[k] = defaults.team;
  }
  return { params, ignored };
}
