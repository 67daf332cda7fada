import "server-only";
import { displayUsd, formatUsd6 } from "../../money";
import { getRates } from "../../pricing/catalog-rates";
import { catalogRatesToPico } from "../../pricing/price-event";
import { type Candidate, type OpportunityContext, pct, WINDOW_DAYS } from "../context";
import { outputCapEstimate, priceSums } from "../estimates";

export const kind = "output_cap" as const;

/** 3. Output cap at the sampled p95 (sampled features only). */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const { feature, owner, sample, rows, cost } of await ctx.features()) {
    if (!sample || sample.size === 0) continue;
    let outputCost = 0n;
    for (const r of rows) {
      const rt = getRates(r.provider || null, r.model, new Date(`${r.day}T12:00:00Z`));
      if (rt)
        outputCost += priceSums(
          { inputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, outputTokens: BigInt(r.output) },
          catalogRatesToPico(rt),
        );
    }
    const cap = outputCapEstimate(sample.outputs, outputCost);
    if (!cap?.fires) continue;
    out.push({
      id: `output_cap:${feature}`,
      kind,
      feature,
      owner_team: owner,
      title: `Cap ${feature}'s output at ${cap.p95.toLocaleString("en-US")} tokens (max_tokens)`,
      saving: cap.saving,
      cost,
      basis: [
        `Output tokens per call in the latest ${sample.size.toLocaleString("en-US")} calls: p50 ${cap.p50}, p95 ${cap.p95}, p99 ${cap.p99} (p99 ≥ 2.5 × p50: a long tail).`,
        `Capping at the p95 removes ${pct(cap.cutShare)} of output tokens; ${WINDOW_DAYS}-day output-token cost ${displayUsd(outputCost)}.`,
      ],
      evidence: {
        p50: cap.p50,
        p95: cap.p95,
        p99: cap.p99,
        cut_share: cap.cutShare,
        sample_size: sample.size,
        output_cost_usd: formatUsd6(outputCost),
      },
      proposal: {
        type: "change_request",
        feature,
        change: `Set max_tokens = ${cap.p95} on ${feature}'s model calls and check that the cut answers were verbosity, not needed content.`,
      },
    });
  }
  return out;
}
