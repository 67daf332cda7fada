"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useFilterDefaults } from "../providers";
import { invalidDateParams } from "@/lib/metrics/filter-errors";

/** `team=all` in the URL: every team, even for a lead whose dashboards default to their own. */
export const ALL = "all";

/** The global filter state lives in the URL: share a link, reload, get the same view. */
export const FILTER_KEYS = ["from", "to", "feature", "team", "tier", "model", "environment"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function useUrlParams(keys: readonly string[] = FILTER_KEYS) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const defaults = useFilterDefaults();
  // a date that is not on the calendar (?from=2026-13-45) is ignored, not passed on: the
  // period falls back to the default and the filter bar says so (invalidDatesText)
  const ignored = useMemo(() => invalidDateParams(Object.fromEntries(keys.map((k) => [k, sp.get(k)]))), [sp, keys]);
  const params = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = sp.get(k);
      if (k === "team" && v === ALL) continue;
      if (v && k in ignored) continue;
      if (v) out[k] = v;
      else if (k === "team" && defaults.team) out[k] = defaults.team;
    }
    return out;
  }, [sp, keys, defaults.team, ignored]);
  const set = useCallback(
    (patch: Record<string, string | null | undefined>) => {
      // Start from the address bar, not from the last render: two quick changes (a date, then
      // a filter) must both land. Next.js syncs useSearchParams with history.replaceState.
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const qs = next.toString();
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return { params, set, ignored };
}
