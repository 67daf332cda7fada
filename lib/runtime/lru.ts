/**
 * A Map bounded to `max` entries that forgets the least recently used first. Pure.
 * Anything keyed by what a client sends (unknown API keys, client addresses) lives in one of
 * these, so memory stays bounded whatever the client sends.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly max: number) {
    if (!(max > 0)) throw new Error("Lru: max must be positive");
  }
  get size(): number {
    return this.map.size;
  }
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  /** Whether the key is held (does not refresh it). */
  has(key: K): boolean {
    return this.map.has(key);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * Failures per key with exponential backoff: after `free` failures within `windowMs`, the key
 * is blocked for base·2^(extra failures), at most `maxMs`. Pure (time passed in); in memory,
 * bounded by an Lru. `retryAfterMs` is 0 while not blocked.
 */
export type BackoffPolicy = { free: number; baseMs: number; maxMs: number; windowMs: number };

export function backoffMs(failures: number, p: BackoffPolicy): number {
  if (failures < p.free) return 0;
  return Math.min(p.maxMs, p.baseMs * 2 ** Math.min(30, failures - p.free));
}

export class FailureLimiter {
  private readonly state: Lru<string, { failures: number; last: number; until: number }>;
  constructor(
    readonly policy: BackoffPolicy,
    max = 10_000,
  ) {
    this.state = new Lru(max);
  }
  retryAfterMs(key: string, now: number): number {
    const s = this.state.get(key);
    if (!s) return 0;
    return Math.max(0, s.until - now);
  }
  fail(key: string, now: number): number {
    const prev = this.state.get(key);
    const failures = prev && now - prev.last < this.policy.windowMs ? prev.failures + 1 : 1;
    const until = now + backoffMs(failures, this.policy);
    this.state.set(key, { failures, last: now, until });
    return until - now;
  }
  get size(): number {
    return this.state.size;
  }
  clear(): void {
    this.state.clear();
  }
}
