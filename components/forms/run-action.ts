/**
 * The order of one write from a settings or management screen, apart from React so that it can
 * be tested: ask first when the write needs a yes (Cancel sends nothing), clear the last
 * success message, run the request (busy, refresh and error text are `refreshing`'s, i.e.
 * useRefreshingAction), then say what was done. Only writes that announce a success touch that
 * message: deleting a row leaves the "Saved …" of the form above it in place.
 */
export type RunOptions<T> = {
  /** asked with confirm() before anything is sent */
  confirm?: string;
  /** what to do next, appended to the error message */
  hint?: string;
  /** the status message once the write succeeded, fixed or read from the answer */
  ok?: string | ((answer: T) => string);
};

export type RunDeps = {
  ask: (question: string) => boolean;
  refreshing: (action: () => Promise<unknown>, hint?: string) => Promise<boolean>;
  setNotice: (notice: string | null) => void;
};

/** Resolves whether the write was sent and succeeded. */
export async function runAction<T>(deps: RunDeps, action: () => Promise<T>, opts: RunOptions<T> = {}): Promise<boolean> {
  if (opts.confirm !== undefined && !deps.ask(opts.confirm)) return false;
  const { ok } = opts;
  if (ok !== undefined) deps.setNotice(null);
  let answer: T | undefined;
  const done = await deps.refreshing(async () => {
    answer = await action();
  }, opts.hint);
  if (done && ok !== undefined) deps.setNotice(typeof ok === "function" ? ok(answer as T) : ok);
  return done;
}
