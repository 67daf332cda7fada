/**
 * Short-lived signed token that lets the headless browser load the print page of one
 * organisation's report for one month without a session. HMAC-SHA256 over the payload with
 * the app's auth secret; bound to organisation, month and paper; expires after `ttlMs`.
 * Pure (node:crypto only): the secret is passed in.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type RenderClaims = { org: string; month: string; exp: number };

export const RENDER_TOKEN_TTL_MS = 120_000;

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");
const sign = (payload: string, secret: string) => createHmac("sha256", `board-report:${secret}`).update(payload).digest("base64url");

export function mintRenderToken(claims: Omit<RenderClaims, "exp">, secret: string, now = Date.now(), ttlMs = RENDER_TOKEN_TTL_MS): string {
  const payload = b64(JSON.stringify({ org: claims.org, month: claims.month, exp: now + ttlMs }));
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims when the token is genuine, unexpired and for this month; else null. */
export function verifyRenderToken(token: string, month: string, secret: string, now = Date.now()): RenderClaims | null {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: RenderClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims.org !== "string" || typeof claims.month !== "string" || typeof claims.exp !== "number") return null;
  if (claims.exp <= now || claims.month !== month) return null;
  return claims;
}
