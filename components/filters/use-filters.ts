"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/** The global filter state lives in the URL: share a link, reload, get the same view. */
export const FILTER_KEYS = ["from", "to", "feature", "team", "tier", "model", "environment"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function useUrlParams(keys: readonly string[] = FILTER_KEYS) {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = sp.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [sp, keys]);
  const set = useCallback(
    (patch: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(sp.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [sp, router, pathname],
  );
  return { params, set };
}
