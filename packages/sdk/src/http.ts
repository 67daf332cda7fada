/** The SDK's only dependency: fetch. */
export type HttpOptions = { url: string; apiKey: string; fetch?: typeof fetch; timeoutMs?: number };

export class Http {
  readonly base: string;
  private readonly f: typeof fetch;
  constructor(private readonly o: HttpOptions) {
    this.base = o.url.replace(/\/+$/, "");
    this.f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  }

  async request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? this.o.timeoutMs ?? 10_000);
    // AbortSignal.any: Node ≥ 20.3 and current edge runtimes; without it the caller's signal wins
    const any = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
    const signal = init.signal ? (any ? any([init.signal, timeout]) : init.signal) : timeout;
    return this.f(this.base + path, {
      method,
      headers: {
        authorization: `Bearer ${this.o.apiKey}`,
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal,
    });
  }
}

/** Network errors, 429 and 5xx are worth retrying; other 4xx are the caller's mistake. */
export const retryable = (status: number) => status === 429 || status >= 500;

export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return exp / 2 + random() * (exp / 2); // "equal jitter"
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    (t as { unref?: () => void }).unref?.();
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
