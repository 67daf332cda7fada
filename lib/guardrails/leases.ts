import "server-only";
import { db, Prisma } from "../db";
import { parseUsd, toDecimalString } from "../money";
import { budgetUsed, liveLeased, secondsUntilFreed } from "../budgets/budget-usage";

/**
 * Hard-budget leases in PostgreSQL, shared by every Spendline process (decision 017). A grant
 * runs in one transaction that first locks the budget row (FOR UPDATE), so grants on one
 * budget are serialised across processes; it then reads month-to-date spend from the
 * budget's window (budget-usage.ts: the month from the rollups, a rolling window or a tenant /
 * user from the events; in USD, tokens or requests) and the live leases, and grants at most what is left:
 *
 *   grant = min(want, limit − spent − Σ live leases), or nothing when that is < min.
 *
 * A holder that gives a lease back early reports what it used: the lease then counts that
 * much for RELEASE_GRACE_MS more (the events are on their way to ingestion), then nothing.
 * Live leases are counted on top of ingested spend (their used part twice, until they
 * expire): that errs on the side of the budget, never over it.
 */
export const LEASE_TTL_MS = 30_000;
export const RELEASE_GRACE_MS = 15_000;

export type LeaseAnswer = {
  leaseId: string | null;
  budgetId: string;
  amountPico: bigint;
  expiresAt: Date;
  remainingPico: bigint;
  /** nothing granted: seconds until the window frees enough (rolling), or until the month ends */
  retryAfterSec?: number;
};

export async function grantLease(
  organizationId: string,
  req: { budgetId: string; holder: string; wantPico: bigint; minPico: bigint; release: { leaseId: string; usedPico: bigint } | null },
  now = new Date(),
): Promise<LeaseAnswer | null> {
  return db().$transaction(
    async (tx) => {
      const budgets = await tx.$queryRaw<
        { limit: string; scope: string; scopeRef: string; mode: string; unit: string; window: string }[]
      >(Prisma.sql`
      SELECT "monthlyLimitUsd"::text AS "limit", scope, "scopeRef", mode, unit, "window" FROM "Budget"
      WHERE id = ${req.budgetId} AND "organizationId" = ${organizationId} FOR UPDATE`);
      if (req.release) {
        await tx.$executeRaw(Prisma.sql`
        UPDATE "GuardrailLease" SET "usedUsd" = LEAST("amountUsd", ${toDecimalString(req.release.usedPico)}::numeric),
          "expiresAt" = LEAST("expiresAt", ${new Date(now.getTime() + RELEASE_GRACE_MS)}::timestamp(3))
        WHERE id = ${req.release.leaseId} AND "organizationId" = ${organizationId} AND "budgetId" = ${req.budgetId} AND "usedUsd" IS NULL`);
      }
      const b = budgets[0];
      if (!b || b.mode !== "hard") return null;
      const expiresAt = new Date(now.getTime() + LEASE_TTL_MS);
      if (req.wantPico <= 0n) return { leaseId: null, budgetId: req.budgetId, amountPico: 0n, expiresAt, remainingPico: 0n };

      const spent = await budgetUsed(organizationId, b, now, tx);
      const leased = await liveLeased(organizationId, req.budgetId, now, tx);
      const remaining = parseUsd(b.limit) - spent - leased;
      let amount = req.wantPico < remaining ? req.wantPico : remaining;
      if (amount < req.minPico || amount <= 0n) amount = 0n;
      let leaseId: string | null = null;
      if (amount > 0n) {
        const [ins] = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
        INSERT INTO "GuardrailLease" (id, "organizationId", "budgetId", holder, "amountUsd", "expiresAt")
        VALUES (gen_random_uuid()::text, ${organizationId}, ${req.budgetId}, ${req.holder}, ${toDecimalString(amount)}::numeric, ${expiresAt}::timestamp(3))
        RETURNING id`);
        leaseId = ins.id;
      }
      // housekeeping: leases long expired are history
      await tx.$executeRaw(
        Prisma.sql`DELETE FROM "GuardrailLease" WHERE "organizationId" = ${organizationId} AND "budgetId" = ${req.budgetId}
          AND "expiresAt" < ${new Date(now.getTime() - 3_600_000)}::timestamp(3)`,
      );
      // nothing granted: when may the holder ask again (rate limits answer 429 with it)
      const retryAfterSec =
        amount === 0n
          ? await secondsUntilFreed(organizationId, b, req.minPico - remaining, Math.ceil(LEASE_TTL_MS / 1000), now, tx)
          : undefined;
      return { leaseId, budgetId: req.budgetId, amountPico: amount, expiresAt, remainingPico: remaining - amount, retryAfterSec };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}
