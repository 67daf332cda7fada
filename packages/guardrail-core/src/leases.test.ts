import { describe, expect, test } from "vitest";
import { LeaseBook, type LeaseRequest } from "./leases.js";

/** A fake server holding one budget: grants min(want, limit − granted) like the real one. */
function server(limitPico: bigint) {
  let granted = 0n;
  const requests: LeaseRequest[] = [];
  let seq = 0;
  const renew = async (r: LeaseRequest) => {
    requests.push(r);
    await new Promise((res) => setTimeout(res, 1));
    if (r.release) granted -= 0n; // used part stays counted (conservative), as on the server
    if (r.wantPico === 0n) return { leaseId: null, budgetId: r.budgetId, amountPico: 0n, expiresAt: Date.now() + 30_000 };
    const left = limitPico - granted;
    let amount = r.wantPico < left ? r.wantPico : left;
    if (amount < r.minPico) amount = 0n;
    granted += amount;
    return { leaseId: amount ? `l${++seq}` : null, budgetId: r.budgetId, amountPico: amount, expiresAt: Date.now() + 30_000 };
  };
  return { renew, requests, granted: () => granted };
}

describe("LeaseBook", () => {
  test("spends locally, renews ahead, and never spends more than was granted", async () => {
    const s = server(1000n);
    const book = new LeaseBook(s.renew, { sliceCalls: 10 });
    let allowed = 0;
    for (let i = 0; i < 300; i++) {
      if (!book.ready(["b"], 7n)) await book.ensure(["b"], 7n);
      if (book.left("b") >= 7n) {
        book.spend(["b"], 7n);
        allowed++;
      }
    }
    // 1000 / 7 = 142 calls fit; slices of 70 leave the last < 7 unspendable
    expect(allowed * 7).toBeLessThanOrEqual(1000);
    expect(allowed).toBeGreaterThanOrEqual(135);
    expect(s.requests.length).toBeLessThan(40);
  });

  test("an exhausted budget is not asked again for a second (no request per call)", async () => {
    const s = server(0n);
    const book = new LeaseBook(s.renew, { exhaustedRetryMs: 1_000 });
    await book.ensure(["b"], 5n);
    const before = s.requests.length;
    for (let i = 0; i < 100; i++) expect(book.ready(["b"], 5n)).toBe(true);
    expect(book.left("b")).toBe(0n);
    expect(s.requests.length).toBe(before);
  });

  test("concurrent callers share one request", async () => {
    const s = server(1000n);
    const book = new LeaseBook(s.renew);
    await Promise.all(Array.from({ length: 20 }, () => book.ensure(["b"], 1n)));
    expect(s.requests).toHaveLength(1);
  });

  test("releaseAll gives leases back with what was used", async () => {
    const s = server(1000n);
    const book = new LeaseBook(s.renew, { sliceCalls: 10 });
    await book.ensure(["b"], 10n);
    book.spend(["b"], 10n);
    await book.releaseAll();
    expect(s.requests.at(-1)).toMatchObject({ wantPico: 0n, release: { leaseId: "l1", usedPico: 10n } });
  });
});

test("a renewal that finds nothing more keeps the current lease's remainder", async () => {
  const s = server(30n);
  const book = new LeaseBook(s.renew, { sliceCalls: 3 });
  await book.ensure(["b"], 10n); // granted 30
  book.spend(["b"], 10n); // left 20 < 2 × 10: renews in the background, gets 0
  await new Promise((r) => setTimeout(r, 10));
  expect(book.left("b")).toBe(20n);
  expect(book.ready(["b"], 10n)).toBe(true);
});

test("slices grow while callers have to wait for renewals, so a fast caller stops waiting", async () => {
  const s = server(10n ** 12n);
  const book = new LeaseBook(s.renew, { sliceCalls: 4, maxSliceCalls: 1024 });
  let waits = 0;
  for (let i = 0; i < 5000; i++) {
    if (!book.ready(["b"], 1n)) {
      waits++;
      await book.ensure(["b"], 1n);
    }
    book.spend(["b"], 1n);
  }
  expect(s.requests.at(-1)!.wantPico === 1024n || s.requests.some((r) => r.wantPico === 1024n)).toBe(true);
  expect(waits).toBeLessThan(15);
});
