import { AppError } from "../core/errors";
import type { Role } from "../auth/roles";
import type { TeamScope } from "./get-coding-agents";

/**
 * What a caller may see of coding-agent cost: an engineering lead only their own team (asking for
 * another team is refused, not silently widened); finance, admins and keys everything, or one
 * team when they ask for it.
 */
export function agentScope(p: { apiKeyId?: string; role?: Role; member?: { teamName: string | null } }, team?: string): TeamScope {
  if (!p.apiKeyId && p.role === "ENGINEERING_LEAD") {
    const own = p.member?.teamName ?? null;
    if (team && team !== own)
      throw new AppError("forbidden", `An engineering lead sees their own team's coding agents only${own ? ` (${own})` : ""}.`);
    return { all: false, team: own };
  }
  return team ? { all: false, team } : { all: true, team: null };
}
