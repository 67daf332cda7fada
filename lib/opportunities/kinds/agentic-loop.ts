import "server-only";
import { displayUsd, formatUsd6 } from "../../money";
import { type Candidate, type OpportunityContext, pct } from "../context";
import { loopSaving } from "../estimates";

export const kind = "agentic_loop" as const;

/** 5b. The agentic-loop anti-pattern, capped at the feature's design estimate of calls per request. */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const features = await ctx.features();
  if (!features.some((f) => f.sample && f.sample.size > 0)) return [];
  const [anti, settings] = await Promise.all([ctx.antiPatterns(), ctx.settings()]);
  const out: Candidate[] = [];
  for (const { feature, owner, sample, cost } of features) {
    if (!sample || sample.size === 0) continue;
    const loop = anti.findings.find((x) => x.detector === "agentic_loop" && x.subject === feature && x.fired);
    const design = settings.get(feature)?.designCallsPerRequest ?? null;
    if (!loop || !design) continue;
    const callsPer = Number(loop.evidence.calls_per_interaction ?? 0);
    const est = loopSaving(cost, callsPer, design);
    const limit = cost - est.saving;
    out.push({
      id: `agentic_loop:${feature}`,
      kind,
      feature,
      owner_team: owner,
      title: `Stop ${feature}'s agent loops at ${design} calls`,
      saving: est.saving,
      cost,
      basis: [
        `The agentic-loop detector fired: ${callsPer.toFixed(1)} calls per interaction against a design of ${design}.`,
        `Excess calls are ${pct(est.excessShare)} of the calls; at the feature's mean cost per call that is ${displayUsd(est.saving)} of ${displayUsd(cost)}.`,
        `The draft sets a soft monthly budget at the capped cost (${displayUsd(limit)}) so that a relapse alerts; the step limit itself is a code change.`,
      ],
      evidence: { ...loop.evidence, excess_share: est.excessShare },
      proposal: {
        type: "budget",
        scope: "feature",
        scope_ref: feature,
        monthly_limit_usd: formatUsd6(limit),
        mode: "soft",
        thresholds: [80, 100],
      },
    });
  }
  return out;
}
