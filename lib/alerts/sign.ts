/**
 * Webhook signatures: `X-Spendline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * "<t>.<raw body>" with the endpoint's secret. The timestamp in the signed text lets a
 * receiver refuse replays (we suggest a 5-minute tolerance).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Spendline-Signature";

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, body, t).split("v1=")[1], "hex");
  return timingSafeEqual(expected, Buffer.from(m[2], "hex"));
}

/** Retry schedule: attempt n (1-based) failed → wait base × 4^(n-1): 1× 4× 16× 64×; 5 attempts. */
export const MAX_ATTEMPTS = 5;
export function backoffMs(attempt: number, baseMs: number): number {
  return baseMs * 4 ** (attempt - 1);
}
