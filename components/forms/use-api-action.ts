"use client";
import { useCallback, useState } from "react";
import { useRefreshingAction } from "../ui/use-refreshing-action";
import { runAction, type RunOptions } from "./run-action";

/**
 * Writes from the settings and management screens: `run(() => apiFetch(...), { confirm, hint, ok })`.
 * Busy state, the page refresh and the error text (the API's `{ error: { message, issues } }`,
 * read by apiFetch) come from useRefreshingAction; this adds the confirm step and the success
 * message. `hint` given here applies to every run that does not name its own. Render `error`
 * and `notice` with <FormMessages>.
 */
export function useApiAction({ hint }: { hint?: string } = {}) {
  const { busy, error, run: refreshing } = useRefreshingAction();
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(
    <T>(action: () => Promise<T>, opts: RunOptions<T> = {}) =>
      runAction({ ask: (q) => window.confirm(q), refreshing, setNotice }, action, { hint, ...opts }),
    [refreshing, hint],
  );
  return { busy, error, notice, setNotice, run };
}
