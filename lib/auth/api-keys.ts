import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, readPreferLeader } from "../db";
import { isDatabaseUnavailable } from "../db/errors";
import { AppError } from "../core/errors";
import { requestClient, type Client } from "../net/request-client";
import { runtimeSlot } from "../runtime";
import { FailureLimiter, Lru } from "../runtime/lru";
import type { Scope } from "./roles";

/**
 * API keys: "sl_" + 43 base64url characters (32 random bytes). Only the sha256 of the key
 * and a display prefix are stored; the key is shown once, at creation.
 * A fast hash is right here: the key has 256 bits of entropy, nothing to brute-force.
 */
export type KeyPrincipal = { keyId: string; organizationId: string; scopes: string[] };

const PREFIX_LEN = 11;

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateKey(): { key: string; prefix: string; hash: string } {
  const key = `sl_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, PREFIX_LEN), hash: hashKey(key) };
}

export async function createApiKey(input: { organizationId: string; name: string; scopes: Scope[]; createdById?: string | null }) {
  const { key, prefix, hash } = generateKey();
  const row = await db().apiKey.create({
    data: {
      organizationId: input.organizationId,
      name: input.name,
      scopes: input.scopes,
      prefix,
      hash,
      createdById: input.createdById ?? null,
    },
  });
  return { key, row };
}

// Ingestion and guardrail checks authenticate every call: keep verified keys for a few
// seconds. Revocation in this process evicts at once; other processes within CACHE_MS.
// Unknown keys are remembered too (a client retrying a wrong key costs no query), so the cache
// is an LRU bounded to CACHE_MAX entries whatever clients send.
const CACHE_MS = 10_000;
export const CACHE_MAX = 10_000;
type KeyCaches = {
  verified: Lru<string, { principal: KeyPrincipal | null; at: number }>;
  lastTouched: Lru<string, number>;
  failures: FailureLimiter;
};
const keysSlot = runtimeSlot<KeyCaches>("ApiKeys");
function caches(max = CACHE_MAX): KeyCaches {
  return (keysSlot.value ??= {
    verified: new Lru(max),
    lastTouched: new Lru(CACHE_MAX),
    failures: new FailureLimiter(KEY_FAILURE_POLICY, CACHE_MAX),
  });
}

/**
 * Failed key authentications per client address: 20 free within 10 minutes; after that a client
 * that keeps sending invalid keys is answered 429 with Retry-After (1 s, doubling per further
 * failure up to 5 minutes) instead of 401, so it backs off. A valid key is always honoured,
 * whatever others sent from the same address: a 429 to a guardrail check would make an SDK fail
 * open, so one client's bad keys must never refuse another's good one (a client can choose the
 * address it is counted under when no proxy is trusted). Memory stays bounded by the LRUs; a
 * distinct invalid key costs one indexed lookup, a repeated one none. Per process.
 */
export const KEY_FAILURE_POLICY = { free: 20, baseMs: 1_000, maxMs: 5 * 60_000, windowMs: 10 * 60_000 };

export function evictKey(keyId: string): void {
  for (const [hash, entry] of [...caches().verified.entries()]) if (entry.principal?.keyId === keyId) caches().verified.delete(hash);
}

/** Test hook: forget cached keys and failure counts (and bound the cache to `max`). */
export function resetKeyCache(max = CACHE_MAX): void {
  keysSlot.value = undefined;
  caches(max);
}

export function keyCacheSize(): number {
  return caches().verified.size;
}

/**
 * The key's principal, or null for an unknown or revoked key. An invalid key from a client that
 * is backing off after repeated failures throws AppError("rate_limited") (429 with Retry-After).
 * `client` defaults to the request being served.
 */
export async function authenticateKey(key: string, client?: Client, now = Date.now()): Promise<KeyPrincipal | null> {
  const principal = await lookupKey(key, now);
  if (principal) return principal;
  const bucket = `client:${(client ?? (await requestClient())).ip ?? "unknown"}`;
  const throttled = caches().failures.retryAfterMs(bucket, now) > 0;
  const wait = caches().failures.fail(bucket, now);
  if (throttled) {
    const s = Math.max(1, Math.ceil(wait / 1000));
    throw new AppError(
      "rate_limited",
      `Too many requests with an invalid API key from this address: retry in ${s} s with a valid key (Admin → API keys).`,
      undefined,
      { "Retry-After": String(s) },
    );
  }
  return null;
}

async function lookupKey(key: string, now: number): Promise<KeyPrincipal | null> {
  if (!key.startsWith("sl_") || key.length > 200) return null;
  const hash = hashKey(key);
  const hit = caches().verified.get(hash);
  if (hit && now - hit.at < CACHE_MS) return hit.principal;
  // the leader, or the replica while the leader is unreachable (a dashboard read during a failover, decision 055)
  const row = await readPreferLeader((c) => c.apiKey.findUnique({ where: { hash } }));
  const principal = row && !row.revokedAt ? { keyId: row.id, organizationId: row.organizationId, scopes: row.scopes } : null;
  caches().verified.set(hash, { principal, at: now });
  if (principal && now - (caches().lastTouched.get(principal.keyId) ?? 0) > 60_000) {
    caches().lastTouched.set(principal.keyId, now);
    try {
      await db().apiKey.update({ where: { id: principal.keyId }, data: { lastUsedAt: new Date(now) } });
    } catch (e) {
      // without a leader the timestamp waits for the next request after it returns; the request is served
      if (!isDatabaseUnavailable(e)) throw e;
      caches().lastTouched.delete(principal.keyId);
    }
  }
  return principal;
}
