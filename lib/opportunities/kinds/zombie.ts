import "server-only";
import { displayUsd } from "../../money";
import { type Candidate, type OpportunityContext, pct } from "../context";
import { zombieSaving } from "../estimates";

export const kind = "zombie" as const;

/** 5a. The zombie-feature anti-pattern turned into money (sampled features whose detector fired). */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const features = await ctx.features();
  if (!features.some((f) => f.sample && f.sample.size > 0)) return [];
  const anti = await ctx.antiPatterns();
  const out: Candidate[] = [];
  for (const { feature, owner, sample, cost } of features) {
    if (!sample || sample.size === 0) continue;
    const zombie = anti.findings.find((x) => x.detector === "zombie_feature" && x.subject === feature && x.fired);
    if (!zombie) continue;
    const unattended = sample.unattended / sample.size;
    out.push({
      id: `zombie:${feature}`,
      kind,
      feature,
      owner_team: owner,
      title: `Retire the unattended work of zombie feature ${feature}`,
      saving: zombieSaving(cost, Math.max(unattended, 0)),
      cost,
      basis: [
        `The zombie detector fired: weekly active users ${zombie.evidence.weekly_users_before} → ${zombie.evidence.weekly_users_after} while tokens changed ${pct(Number(zombie.evidence.token_change ?? 0))}.`,
        `${pct(unattended)} of its calls have no user and no session; stopping them saves that share of ${displayUsd(cost)}.`,
      ],
      evidence: { ...zombie.evidence, unattended_share: unattended },
      proposal: {
        type: "change_request",
        feature,
        change: `Switch off ${feature}'s scheduled job (calls without a user) or retire the feature; the owner team confirms nobody relies on it.`,
      },
    });
  }
  return out;
}
