import { describe, expect, it } from "vitest";
import { featureEditRefusal, type FeatureScopePrincipal } from "./feature-scope";

const lead = (team: string | null): FeatureScopePrincipal => ({ role: "ENGINEERING_LEAD", member: { teamName: team } });

describe("featureEditRefusal: a lead changes only their own team's features", () => {
  it.each<[string, FeatureScopePrincipal, string | null, string | null | undefined, RegExp | null]>([
    ["admin, any feature", { role: "ADMIN", member: { teamName: null } }, "growth", undefined, null],
    ["finance, reassign owner", { role: "FINANCE", member: { teamName: null } }, "growth", "support", null],
    ["admin API key", { apiKeyId: "k" }, "growth", "support", null],
    ["lead, own feature", lead("support"), "support", undefined, null],
    ["lead, own feature, keeps owner", lead("support"), "support", "support", null],
    ["lead, other team's feature", lead("support"), "growth", undefined, /belongs to team growth/],
    ["lead, hands own feature away", lead("support"), "support", "growth", /cannot hand/],
    ["lead, clears the owner", lead("support"), "support", null, /cannot hand/],
    ["lead, feature without owner", lead("support"), null, undefined, /no owner team/],
    ["lead without a team", lead(null), "support", undefined, /ask an admin/],
  ])("%s", (_name, principal, owner, newOwner, refusal) => {
    const r = featureEditRefusal(principal, "f", owner, newOwner);
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });
});
