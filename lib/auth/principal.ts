import type { Role } from "./roles";
import type { Member } from "./session";

/**
 * Who is calling: a signed-in person or an API key, always within one organisation. The route
 * wrapper (lib/api/route.ts) builds it; domain modules take it (or the Actor derived from it)
 * as an argument, so they never depend on the HTTP layer.
 */
export type Principal = {
  organizationId: string;
  /** present for a signed-in person */
  member?: Member;
  /** present for an API key */
  apiKeyId?: string;
  scopes?: string[];
  role?: Role;
};

/**
 * Who an audit row names: the person, the API key, or neither (the CLI, the demo seed), and from
 * where (client address and user agent). Left out, the writer takes the client of the request
 * being served (lib/auth/client.ts), so every entry made while serving a request says from where.
 */
export type Actor = { userId?: string | null; apiKeyId?: string | null; ip?: string | null; userAgent?: string | null };

export function actorOf(p: Principal): Actor {
  return { userId: p.member?.userId ?? null, apiKeyId: p.apiKeyId ?? null };
}
