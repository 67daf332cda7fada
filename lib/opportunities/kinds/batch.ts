import "server-only";
import { type Candidate, type OpportunityContext, pct } from "../context";
import { batchSaving } from "../estimates";

export const kind = "batch" as const;
/** Published batch discounts (USD off input and output) where the catalog has no batch price. */
export const BATCH_DISCOUNT: Record<string, { percent: number; source: string }> = {
  openai: { percent: 50, source: "OpenAI Batch API (24 h turnaround)" },
  anthropic: { percent: 50, source: "Anthropic Message Batches API" },
  google: { percent: 50, source: "Gemini Batch Mode" },
};
/** A feature is not interactive when most events have no user and no session. */
const UNATTENDED_SHARE = 0.5;

/** 4. Batch pricing for unattended traffic (sampled features, provider of the costliest model). */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const { feature, owner, sample, ranked, cost } of await ctx.features()) {
    if (!sample || sample.size === 0) continue;
    const unattended = sample.unattended / sample.size;
    const provider = ranked[0]?.rows[0].provider ?? "";
    const batch = BATCH_DISCOUNT[provider];
    if (!batch || unattended < UNATTENDED_SHARE) continue;
    out.push({
      id: `batch:${feature}`,
      kind,
      feature,
      owner_team: owner,
      title: `Send ${feature}'s unattended calls through the ${provider} batch API`,
      saving: batchSaving(cost, unattended, batch.percent),
      cost,
      basis: [
        `${pct(unattended)} of the latest ${sample.size.toLocaleString("en-US")} calls carry no user and no session: nobody waits for them.`,
        `${batch.source}: ${batch.percent}% off input and output (the bundled catalog has no batch price for ${provider}, so the published discount is used).`,
      ],
      evidence: { unattended_share: unattended, discount_percent: batch.percent, sample_size: sample.size },
      proposal: {
        type: "change_request",
        feature,
        change: `Move ${feature}'s unattended (scheduled) calls to the ${provider} batch API.`,
      },
    });
  }
  return out;
}
