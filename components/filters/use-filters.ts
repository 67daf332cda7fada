"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useFilterDefaults } from "../providers";
import { FILTER_KEYS, filterParams } from "./url-params";

export { ALL, FILTER_KEYS, type FilterKey } from "./url-params";

export function useUrlParams(keys: readonly string[] = FILTER_KEYS) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const defaults = useFilterDefaults();
  const team = defaults.team;
  const { params, ignored } = useMemo(() => filterParams((k) => sp.get(k), keys, { team }), [sp, keys, team]);
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
