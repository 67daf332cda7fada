import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
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
const CACHE_MS = 10_000;
const cache = new Map<string, { principal: KeyPrincipal | null; at: number }>();
const lastTouched = new Map<string, number>();

export function evictKey(keyId: string): void {
  for (const [hash, entry] of cache) if (entry.principal?.keyId === keyId) cache.delete(hash);
}

export async function authenticateKey(key: string): Promise<KeyPrincipal | null> {
  if (!key.startsWith("sl_") || key.length > 200) return null;
  const hash = hashKey(key);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && now - hit.at < CACHE_MS) return hit.principal;
  const row = await db().apiKey.findUnique({ where: { hash } });
  const principal = row && !row.revokedAt ? { keyId: row.id, organizationId: row.organizationId, scopes: row.scopes } : null;
  cache.set(hash, { principal, at: now });
  if (principal && now - (lastTouched.get(principal.keyId) ?? 0) > 60_000) {
    lastTouched.set(principal.keyId, now);
    await db().apiKey.update({ where: { id: principal.keyId }, data: { lastUsedAt: new Date(now) } });
  }
  return principal;
}
