/**
 * Hard-budget leases, holder side (the SDK, and a Spendline server process answering HTTP
 * checks). The server grants a holder a slice of a hard budget's remainder; the holder spends
 * it locally (one estimate per allowed call) and asks for a new slice when it runs out,
 * giving back the old one with what it actually used. Since the server never grants more
 * than limit − spent − live leases, all holders together never exceed the limit.
 * See docs/decisions/017-hard-budget-leases.md.
 */
export type LeaseGrant = {
  leaseId: string | null;
  budgetId: string;
  amountPico: bigint;
  expiresAt: number;
  /** nothing granted on a rolling-window budget: seconds until enough of the window's spend ages out */
  retryAfterSec?: number;
};
export type LeaseRequest = { budgetId: string; wantPico: bigint; minPico: bigint; release: { leaseId: string; usedPico: bigint } | null };
export type RenewLease = (req: LeaseRequest) => Promise<LeaseGrant>;

type Lease = {
  id: string | null;
  granted: bigint;
  left: bigint;
  expiresAt: number;
  exhaustedUntil: number;
  retryAfterSec: number;
  renewing: Promise<void> | null;
  /** calls per slice: doubles whenever a caller had to wait for a renewal (the slice was too small for the call rate) */
  sliceCalls: bigint;
  grownFor: string | null;
};

export type LeaseBookOptions = {
  /** a first slice asks for this many estimates (default 50); doubled up to maxSliceCalls while callers have to wait */
  sliceCalls?: number;
  maxSliceCalls?: number;
  /** after the server said "nothing left", ask again after this long (default 1,000 ms) */
  exhaustedRetryMs?: number;
  /** renew this long before a lease expires (default 5,000 ms) */
  renewAheadMs?: number;
  now?: () => number;
};

export class LeaseBook {
  private leases = new Map<string, Lease>();
  private readonly sliceCalls: bigint;
  private readonly maxSliceCalls: bigint;
  private readonly exhaustedRetryMs: number;
  private readonly renewAheadMs: number;
  private readonly now: () => number;

  constructor(
    private readonly renew: RenewLease,
    opts: LeaseBookOptions = {},
  ) {
    this.sliceCalls = BigInt(opts.sliceCalls ?? 50);
    this.maxSliceCalls = BigInt(opts.maxSliceCalls ?? 10_000);
    this.exhaustedRetryMs = opts.exhaustedRetryMs ?? 1_000;
    this.renewAheadMs = opts.renewAheadMs ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  /** What is left of this holder's live lease on a budget (0 when none or expired). */
  left(budgetId: string): bigint {
    const l = this.leases.get(budgetId);
    return l && l.expiresAt > this.now() ? l.left : 0n;
  }

  /** What the server last said about waiting on an exhausted budget (seconds; 0 when unknown). */
  retryAfter(budgetId: string): number {
    const l = this.leases.get(budgetId);
    if (!l) return 0;
    const waited = Math.floor((this.now() - (l.exhaustedUntil - this.exhaustedRetryMs)) / 1000);
    return l.retryAfterSec > waited ? l.retryAfterSec - waited : 0;
  }

  /** ready() for one budget and amount (budgets of different units need different amounts). */
  readyOne(budgetId: string, amount: bigint): boolean {
    const l = this.leases.get(budgetId);
    if (!l) return false;
    if (l.exhaustedUntil > this.now()) return true;
    return l.expiresAt > this.now() && l.left >= amount;
  }

  /** True when every budget has `amount` left locally, or was just reported exhausted (no point asking). */
  ready(budgetIds: string[], amount: bigint): boolean {
    const now = this.now();
    for (const id of budgetIds) {
      const l = this.leases.get(id);
      if (!l) return false;
      if (l.exhaustedUntil > now) continue;
      if (l.expiresAt <= now || l.left < amount) return false;
    }
    return true;
  }

  /** Synchronous: spend `amount` on every budget (the caller checked with left()). Starts a background renewal at half the slice. */
  spend(budgetIds: string[], amount: bigint): void {
    for (let i = 0; i < budgetIds.length; i++) this.spendOne(budgetIds[i], amount);
  }

  /** spend() on one budget (no allocation: the decision's hot path). */
  spendOne(id: string, amount: bigint): void {
    const now = this.now();
    const l = this.leases.get(id);
    if (!l) return;
    l.left -= amount;
    if (
      !l.renewing &&
      l.exhaustedUntil <= now &&
      (l.left * 2n < l.granted || l.left < amount * 2n || l.expiresAt - now < this.renewAheadMs)
    ) {
      void this.renewOne(id, amount).catch(() => undefined);
    }
  }

  /** Makes sure each budget has `amount` left, asking the server as needed (one request per budget at a time). */
  async ensure(budgetIds: string[], amount: bigint): Promise<void> {
    await Promise.all(budgetIds.map((id) => this.ensureOne(id, amount)));
  }

  /** ensure() for one budget. */
  async ensureOne(id: string, amount: bigint): Promise<void> {
    const l = this.leases.get(id);
    // a caller waits although a lease was in use: slices are too small for this call rate
    if (l?.id && l.grownFor !== l.id && !this.readyOne(id, amount)) {
      l.grownFor = l.id; // once per lease, however many callers wait
      l.sliceCalls = l.sliceCalls * 2n < this.maxSliceCalls ? l.sliceCalls * 2n : this.maxSliceCalls;
    }
    for (let i = 0; i < 2 && !this.readyOne(id, amount); i++) await this.renewOne(id, amount);
  }

  /**
   * Asks for a new slice while calls keep spending the old one; when it arrives, the old lease
   * is given back (in the background) with what it actually used.
   */
  private renewOne(budgetId: string, amount: bigint): Promise<void> {
    let l = this.leases.get(budgetId);
    if (l?.renewing) return l.renewing;
    if (!l)
      this.leases.set(
        budgetId,
        (l = {
          id: null,
          granted: 0n,
          left: 0n,
          expiresAt: 0,
          exhaustedUntil: 0,
          retryAfterSec: 0,
          renewing: null,
          sliceCalls: this.sliceCalls,
          grownFor: null,
        }),
      );
    const lease = l;
    const p = this.renew({ budgetId, wantPico: amount * lease.sliceCalls, minPico: amount, release: null })
      .then((g) => {
        if (g.amountPico < amount && lease.id && lease.expiresAt > this.now() && lease.left >= amount) {
          // nothing more to be had for now: keep spending what is left of the current lease
          lease.exhaustedUntil = this.now() + this.exhaustedRetryMs;
          lease.retryAfterSec = g.retryAfterSec ?? 0;
          return;
        }
        const old = lease.id && lease.expiresAt > this.now() ? { leaseId: lease.id, usedPico: lease.granted - lease.left } : null;
        lease.id = g.leaseId;
        lease.granted = g.amountPico;
        lease.left = g.amountPico;
        lease.expiresAt = g.expiresAt;
        lease.exhaustedUntil = g.amountPico < amount ? this.now() + this.exhaustedRetryMs : 0;
        lease.retryAfterSec = g.amountPico < amount ? (g.retryAfterSec ?? 0) : 0;
        if (old) void this.renew({ budgetId, wantPico: 0n, minPico: 0n, release: old }).catch(() => undefined);
      })
      .finally(() => {
        lease.renewing = null;
      });
    lease.renewing = p;
    return p;
  }

  /** Gives every lease back (shutdown), reporting what was used. */
  async releaseAll(): Promise<void> {
    const all = [...this.leases.entries()].filter(([, l]) => l.id && l.expiresAt > this.now());
    this.leases.clear();
    await Promise.all(
      all.map(([budgetId, l]) =>
        this.renew({ budgetId, wantPico: 0n, minPico: 0n, release: { leaseId: l.id!, usedPico: l.granted - l.left } }).catch(
          () => undefined,
        ),
      ),
    );
  }
}
