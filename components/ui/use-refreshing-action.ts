"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

/**
 * The one shape of every write from a client component: mark busy, run the request, refresh
 * the server-rendered page on success, show the error (with a hint of what to do) on failure.
 * `run` answers whether the write succeeded.
 */
export function useRefreshingAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>, hint?: string): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action();
        router.refresh();
        return true;
      } catch (e) {
        setError(hint ? `${(e as Error).message} ${hint}` : (e as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [router],
  );
  return { busy, error, setError, run };
}
