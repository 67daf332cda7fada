import { expect, test } from "vitest";
import { budgetEditRefusal } from "./budget-scope";

const lead = (teamName: string | null) => ({ role: "ENGINEERING_LEAD" as const, member: { teamName } });

test.each([
  ["finance sets any budget", { role: "FINANCE" as const }, "tenant", "acme", null, null],
  ["an admin key sets any budget", { apiKeyId: "k1" }, "org", "", null, null],
  ["a lead sets their own team's budget", lead("support"), "team", "support", null, null],
  ["a lead may not set another team's", lead("support"), "team", "sales", null, /own team \(support\).*team sales/],
  ["a lead sets a feature their team owns", lead("support"), "feature", "chat", "support", null],
  ["a lead may not set another team's feature", lead("support"), "feature", "search", "platform", /belongs to team platform/],
  ["a feature with no owner is finance's first", lead("support"), "feature", "new", null, /no owner team yet/],
  ["the organisation spans teams", lead("support"), "org", "", null, /the organisation spans teams/],
  ["a tenant spans teams", lead("support"), "tenant", "acme", null, /tenant acme spans teams.*Team \(support\)/],
  ["an API key spans teams", lead("support"), "api_key", "k9", null, /api key k9 spans teams/],
  ["a lead without a team is told how to get one", lead(null), "team", "support", null, /no team on your membership/],
])("%s", (_name, who, scope, scopeRef, owner, refusal) => {
  const got = budgetEditRefusal(who, { scope, scopeRef }, owner);
  if (refusal === null) expect(got).toBeNull();
  else expect(got).toMatch(refusal);
});
