/**
 * Which team's features a principal may change (feature settings, guardrail policy, kill switch,
 * anomaly clear). Pure: the caller loads the feature's owner team.
 *
 * ADMIN and FINANCE (and API keys with the admin scope) change any feature. An ENGINEERING_LEAD
 * changes only features whose owner team is their own team, and may not hand a feature to another
 * team (owner_team decides who is billed). A feature with no owner team is set by finance or an
 * admin first. Roles without the capability never reach here (the route wrapper refuses them).
 */
import type { Role } from "./roles";

export type FeatureScopePrincipal = { apiKeyId?: string; role?: Role; member?: { teamName: string | null } };

export function featureEditRefusal(
  principal: FeatureScopePrincipal,
  feature: string,
  ownerTeam: string | null,
  newOwnerTeam?: string | null,
): string | null {
  if (principal.apiKeyId) return null;
  if (principal.role !== "ENGINEERING_LEAD") return null;
  const own = principal.member?.teamName ?? null;
  if (own === null) return "You have no team on your membership: ask an admin to set it (Admin → Members).";
  if (ownerTeam === null) return `“${feature}” has no owner team yet: ask finance or an admin to set its owner team first.`;
  if (ownerTeam !== own)
    return `“${feature}” belongs to team ${ownerTeam}: an engineering lead changes their own team's (${own}) features only.`;
  if (newOwnerTeam !== undefined && newOwnerTeam !== own) {
    return `An engineering lead cannot hand “${feature}” to ${newOwnerTeam ? `team ${newOwnerTeam}` : "no team"}: the owner team decides who is billed; ask finance or an admin.`;
  }
  return null;
}
