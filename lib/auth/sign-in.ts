import "server-only";
import { db } from "../db";
import { writeAudit } from "../audit/write-audit";
import type { Client } from "../net/request-client";
import { backoffMs, type BackoffPolicy } from "../runtime/lru";
import { hashPassword, verifyPassword } from "./password";

/**
 * Email + password sign-in with throttling and audit (issue 19 item 9, decision 032).
 *
 * - Throttled per account (the email as typed, known or not, so a lockout says nothing about
 *   whether the account exists) and per client address: after `free` failures within `windowMs`
 *   each further failure locks the key for base·2^n, at most `maxMs`. A locked key is refused
 *   without checking the password, so the right password during a lockout does not get in.
 *   State is in PostgreSQL (AuthThrottle): every app instance sees the same counts.
 * - Unknown emails and accounts without a password (OIDC-only) are checked against a dummy
 *   scrypt hash, so the answer takes the same time whether or not the email exists.
 * - Every attempt on a known account is audited in each organisation the person belongs to:
 *   auth.signin, auth.signin_failed (wrong password) or auth.signin_refused (throttled), with the
 *   client address and user agent. Attempts on unknown emails belong to no organisation and are
 *   only counted.
 */
export const SIGN_IN_POLICY: { account: BackoffPolicy; client: BackoffPolicy } = {
  account: { free: 5, baseMs: 30_000, maxMs: 15 * 60_000, windowMs: 60 * 60_000 },
  client: { free: 20, baseMs: 30_000, maxMs: 15 * 60_000, windowMs: 60 * 60_000 },
};

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

// a hash of nothing anyone knows, verified when there is no real one (same cost, same timing)
const dummyHash = hashPassword(`no-such-account-${Math.random()}`);

const accountKey = (email: string) => `account:${email}`;
const clientKey = (client: Client) => `client:${client.ip ?? "unknown"}`;

async function lockedFor(keys: string[], now: Date): Promise<number> {
  const rows = await db().authThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  return Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime() - now.getTime()));
}

/** Counts one failure for `key` (atomically across instances) and sets its lock. */
async function fail(key: string, policy: BackoffPolicy, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."updatedAt" < ${windowStart} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "updatedAt" = ${now}
    RETURNING "failures"`;
  const wait = backoffMs(Number(row.failures), policy);
  if (wait > 0) await db().authThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + wait) } });
  // quiet keys are forgotten (unknown emails would otherwise pile up)
  if (Math.random() < 0.02) {
    await db().authThrottle.deleteMany({
      where: { updatedAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    });
  }
}

async function auditAttempt(userId: string, action: string, client: Client, after: Record<string, unknown>, actorIsUser: boolean) {
  const memberships = await db().membership.findMany({ where: { userId }, select: { organizationId: true } });
  for (const m of memberships) {
    await writeAudit({
      organizationId: m.organizationId,
      actor: { userId: actorIsUser ? userId : null, apiKeyId: null, ip: client.ip, userAgent: client.userAgent },
      action,
      targetType: "user",
      targetId: userId,
      after,
    });
  }
}

// Audit entries of failed and refused attempts are written after the answer, so that the time
// of a failure does not depend on whether the email has an account (and organisations to audit).
const pendingAudits = new Set<Promise<void>>();
function afterAnswer(work: Promise<void>): void {
  const p: Promise<void> = work
    .catch((err: unknown) => console.error("sign-in audit entry failed:", err))
    .finally(() => pendingAudits.delete(p));
  pendingAudits.add(p);
}

/** Waits for the audit entries of earlier failed attempts (tests, shutdown). */
export async function settleSignInAudits(): Promise<void> {
  await Promise.all([...pendingAudits]);
}

export async function signInWithPassword(emailRaw: string, password: string, client: Client, now = new Date()): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const keys = [accountKey(email), clientKey(client)];
  const user = email ? await db().user.findUnique({ where: { email } }) : null;

  const wait = await lockedFor(keys, now);
  if (wait > 0) {
    if (user)
      afterAnswer(
        auditAttempt(
          user.id,
          "auth.signin_refused",
          client,
          { email, reason: "too many failed sign-ins", retry_after_s: Math.ceil(wait / 1000) },
          false,
        ),
      );
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }

  const hash = user?.passwordHash ?? (await dummyHash);
  const matches = await verifyPassword(password, hash);
  if (!user?.passwordHash || !matches) {
    await fail(keys[0], SIGN_IN_POLICY.account, now);
    await fail(keys[1], SIGN_IN_POLICY.client, now);
    if (user)
      afterAnswer(
        auditAttempt(
          user.id,
          "auth.signin_failed",
          client,
          { email, reason: user.passwordHash ? "wrong password" : "no password (single sign-on only)" },
          false,
        ),
      );
    return { ok: false, reason: "invalid" };
  }

  await db().authThrottle.deleteMany({ where: { key: keys[0] } });
  await auditAttempt(user.id, "auth.signin", client, { email, method: "password" }, true);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** What the sign-in form shows for a lockout. */
export function throttledMessage(retryAfterMs: number): string {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  const when = retryAfterMs < 60_000 ? `${Math.ceil(retryAfterMs / 1000)} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `Too many failed sign-ins: try again in ${when}. If you forgot your password, ask your Spendline admin.`;
}
