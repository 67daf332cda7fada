/**
 * Which budgets a principal may create, change or delete. Pure: the caller loads the feature's
 * owner team.
 *
 * ADMIN and FINANCE (and API keys with the admin scope) set any budget. An ENGINEERING_LEAD sets
 * the budgets of their own team: scope `team` naming their team, or scope `feature` on a feature
 * their team owns (decision 028's line, applied to budgets). Budgets on the organisation, a model,
 * a tenant, a user, an environment or an API key span teams: finance or an admin sets them.
 */
import { featureEditRefusal, type FeatureScopePrincipal } from "../auth/feature-scope";

export function budgetEditRefusal(
  principal: FeatureScopePrincipal,
  budget: { scope: string; scopeRef: string },
  featureOwnerTeam: string | null,
): string | null {
  if (principal.apiKeyId || principal.role !== "ENGINEERING_LEAD") return null;
  const own = principal.member?.teamName ?? null;
  if (own === null) return "You have no team on your membership: ask an admin to set it (Admin → Members).";
  if (budget.scope === "feature") return featureEditRefusal(principal, budget.scopeRef, featureOwnerTeam);
  if (budget.scope === "team") {
    return budget.scopeRef === own
      ? null
      : `An engineering lead sets budgets for their own team (${own}) and its features only; ask finance or an admin for team ${budget.scopeRef}.`;
  }
  const what = budget.scope === "org" ? "the organisation" : `${budget.scope.replace("_", " ")} ${budget.scopeRef}`;
  return `A budget on ${what} spans teams: finance or an admin sets it. As an engineering lead, choose scope Team (${own}) or one of your team's features.`;
}
