/**
 * Shared plumbing of the client wrappers: a wrapped method keeps the provider SDK's promise
 * shape (awaitable, and `.withResponse()` which the SDKs' own stream helpers use), and a
 * stream is observed by replacing its async iterator on the instance, so that breaking out
 * of the loop or aborting it is seen as an abandoned call.
 */
type WithResponse<T> = { data: T; response: Response; request_id?: string | null };
type ApiPromiseLike<T> = PromiseLike<T> & { withResponse?: () => Promise<WithResponse<T>> };

export function wrapApiCall<T>(
  /** resolves to the provider's promise in a box (awaiting an APIPromise itself would parse it) */
  start: () => Promise<{ call: ApiPromiseLike<T> }>,
  onData: (data: T) => T,
  onError: (e: unknown) => void,
): Promise<T> & { withResponse: () => Promise<WithResponse<T>> } {
  const wr = (async () => {
    let p: ApiPromiseLike<T>;
    try {
      p = (await start()).call;
      if (typeof p.withResponse === "function") {
        const r = await p.withResponse();
        return { ...r, data: onData(r.data) };
      }
      return { data: onData(await p), response: undefined as unknown as Response };
    } catch (e) {
      onError(e);
      throw e;
    }
  })();
  const out = wr.then((r) => r.data) as Promise<T> & { withResponse: () => Promise<WithResponse<T>> };
  out.withResponse = () => wr;
  return out;
}

export function observeStream<C>(stream: object, onChunk: (c: C) => void, onEnd: (completed: boolean, error: unknown) => void): void {
  const s = stream as { [Symbol.asyncIterator]: () => AsyncIterator<C> };
  const orig = s[Symbol.asyncIterator].bind(s);
  let ended = false;
  const end = (completed: boolean, error: unknown) => {
    if (ended) return;
    ended = true;
    onEnd(completed, error);
  };
  s[Symbol.asyncIterator] = async function* () {
    let completed = false;
    let error: unknown;
    try {
      for await (const c of { [Symbol.asyncIterator]: orig }) {
        try {
          onChunk(c);
        } catch {
          // never break the application's stream
        }
        yield c;
      }
      completed = true;
    } catch (e) {
      error = e;
      throw e;
    } finally {
      end(completed, error);
    }
  } as () => AsyncIterator<C>;
}

export function isAbort(e: unknown): boolean {
  const n = (e as { name?: string; constructor?: { name?: string } })?.name ?? "";
  return /Abort/i.test(n) || /Abort/i.test((e as { constructor?: { name?: string } })?.constructor?.name ?? "");
}
