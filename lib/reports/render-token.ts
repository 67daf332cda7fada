/**
 * Short-lived signed token that lets the headless browser load the print page of one
 * organisation's report once, for one month and paper size, without a session. HMAC-SHA256 over
 * the payload with the app's auth secret; bound to organisation, month and paper (everything the
 * page renders from); expires after `ttlMs`; carries a random nonce so that it can be used only
 * once (consumeRenderToken in render-token-use.ts records the nonce in the database, so a token
 * seen in a log, a proxy or a browser history is worthless, in every process).
 * Pure (node:crypto only): the secret is passed in.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type RenderClaims = { org: string; month: string; paper: string; nonce: string; exp: number };
/** What the page is asked to render: a token must name exactly this. */
export type RenderRequest = { month: string; paper: string };

export const RENDER_TOKEN_TTL_MS = 120_000;

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");
const sign = (payload: string, secret: string) => createHmac("sha256", `board-report:${secret}`).update(payload).digest("base64url");

export function mintRenderToken(
  claims: { org: string; month: string; paper: string },
  secret: string,
  now = Date.now(),
  ttlMs = RENDER_TOKEN_TTL_MS,
  nonce = randomBytes(16).toString("base64url"),
): string {
  const payload = b64(JSON.stringify({ org: claims.org, month: claims.month, paper: claims.paper, nonce, exp: now + ttlMs }));
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims when the token is genuine, unexpired and for exactly this month and paper; else null. Does not consume it. */
export function verifyRenderToken(token: string, want: RenderRequest, secret: string, now = Date.now()): RenderClaims | null {
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
  if (
    typeof claims.org !== "string" ||
    typeof claims.month !== "string" ||
    typeof claims.paper !== "string" ||
    typeof claims.nonce !== "string" ||
    claims.nonce.length < 16 ||
    typeof claims.exp !== "number"
  )
    return null;
  if (claims.exp <= now || claims.month !== want.month || claims.paper !== want.paper) return null;
  return claims;
}
