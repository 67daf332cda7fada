import type { Role } from "./roles";
import type { Member } from "./session";
import type { Actor } from "../audit/actor";

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

export function actorOf(p: Principal): Actor {
  return { userId: p.member?.userId ?? null, apiKeyId: p.apiKeyId ?? null };
}
