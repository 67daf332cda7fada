import { backoffMs, Http, retryable, sleep } from "./http.js";
import type { SpendlineEvent } from "./types.js";

export type BufferOptions = {
  /** send when this many events are waiting (default 500) */
  batchSize?: number;
  /** send at the latest this long after an event was tracked (default 1,000 ms) */
  flushIntervalMs?: number;
  /** keep at most this many unsent events; beyond, the oldest are dropped (default 10,000) */
  maxBufferedEvents?: number;
  /** attempts per batch before it goes back to the queue until the next flush (default 8) */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
};

/**
 * Buffers events and sends them in batches to POST /api/v1/events. A batch is retried with
 * the same event ids (the server stores an id once), so a retry never double counts.
 */
export class EventBuffer {
  private queue: SpendlineEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  private readonly stop = new AbortController();
  readonly stats = { sent: 0, duplicates: 0, rejected: 0, dropped: 0, retries: 0 };
  private readonly o: Required<BufferOptions>;

  constructor(
    private readonly http: Http,
    private readonly onError: (e: Error) => void,
    opts: BufferOptions = {},
  ) {
    this.o = {
      batchSize: 500,
      flushIntervalMs: 1_000,
      maxBufferedEvents: 10_000,
      maxAttempts: 8,
      retryBaseMs: 200,
      retryCapMs: 10_000,
      ...opts,
    };
  }

  get pending(): number {
    return this.queue.length;
  }

  push(e: SpendlineEvent): void {
    this.queue.push(e);
    const over = this.queue.length - this.o.maxBufferedEvents;
    if (over > 0) {
      this.queue.splice(0, over);
      this.stats.dropped += over;
      this.onError(
        new Error(`Spendline: ${over} event(s) dropped: more than ${this.o.maxBufferedEvents} unsent (is the Spendline URL reachable?)`),
      );
    }
    if (this.queue.length >= this.o.batchSize) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.o.flushIntervalMs);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  /** Sends everything buffered now; resolves when done or when a batch ran out of attempts. Never rejects. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.sending) {
      this.sending = this.drain().finally(() => {
        this.sending = null;
      });
      return this.sending;
    }
    // a drain is running: wait for it, then send what arrived meanwhile
    return this.sending.then(() => (this.queue.length ? this.flush() : undefined));
  }

  private async drain(): Promise<void> {
    while (this.queue.length && !this.stop.signal.aborted) {
      const batch = this.queue.splice(0, this.o.batchSize);
      if (!(await this.send(batch))) {
        this.queue.unshift(...batch); // kept for the next flush, same ids
        return;
      }
    }
  }

  private async send(batch: SpendlineEvent[]): Promise<boolean> {
    for (let attempt = 0; attempt < this.o.maxAttempts; attempt++) {
      if (attempt > 0) {
        this.stats.retries++;
        await sleep(backoffMs(attempt - 1, this.o.retryBaseMs, this.o.retryCapMs), this.stop.signal);
      }
      let res: Response;
      try {
        res = await this.http.request("POST", "/api/v1/events", { body: { events: batch } });
      } catch (e) {
        if (attempt === this.o.maxAttempts - 1)
          this.onError(new Error(`Spendline: sending ${batch.length} event(s) failed: ${(e as Error).message}; kept for the next flush`));
        continue;
      }
      if (res.ok) {
        const out = (await res.json().catch(() => ({}))) as {
          accepted?: number;
          duplicates?: number;
          rejected?: { id: string | null; errors: string[] }[];
        };
        this.stats.sent += out.accepted ?? 0;
        this.stats.duplicates += out.duplicates ?? 0;
        if (out.rejected?.length) {
          this.stats.rejected += out.rejected.length;
          this.onError(
            new Error(
              `Spendline rejected ${out.rejected.length} event(s): ${out.rejected
                .slice(0, 3)
                .map((r) => `${r.id}: ${r.errors.join("; ")}`)
                .join(" | ")}`,
            ),
          );
        }
        return true;
      }
      const text = await res.text().catch(() => "");
      if (!retryable(res.status)) {
        this.stats.rejected += batch.length;
        this.onError(new Error(`Spendline refused ${batch.length} event(s) (HTTP ${res.status}): ${text.slice(0, 300)}`));
        return true; // not worth retrying: dropped
      }
      if (attempt === this.o.maxAttempts - 1)
        this.onError(
          new Error(
            `Spendline answered HTTP ${res.status} ${maxAttemptsText(this.o.maxAttempts)}; ${batch.length} event(s) kept for the next flush`,
          ),
        );
    }
    return false;
  }

  /** Stops retry waits (shutdown): the current attempt finishes, later ones do not start. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stop.abort();
  }
}

const maxAttemptsText = (n: number) => `${n} times in a row`;
