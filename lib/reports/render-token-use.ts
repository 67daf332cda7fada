import "server-only";
import { db } from "../db";
import { verifyRenderToken, type RenderClaims, type RenderRequest } from "./render-token";

/**
 * Verifies a board-report render token and uses it up: the first call with a genuine token
 * records its nonce (RenderTokenUse, primary key organisation + nonce) and gets the claims;
 * every later call, in any process, gets null. Records of expired tokens are pruned here.
 */
export async function consumeRenderToken(
  token: string,
  want: RenderRequest,
  secret: string,
  now = new Date(),
): Promise<RenderClaims | null> {
  const claims = verifyRenderToken(token, want, secret, now.getTime());
  if (!claims) return null;
  const inserted = await db().$executeRaw`
    INSERT INTO "RenderTokenUse" ("organizationId", "nonce", "usedAt", "expiresAt")
    VALUES (${claims.org}, ${claims.nonce}, ${now}, ${new Date(claims.exp)})
    ON CONFLICT DO NOTHING`;
  if (inserted !== 1) return null;
  await db().renderTokenUse.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 60_000) } } });
  return claims;
}
