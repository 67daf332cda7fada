import "server-only";
import { getRates } from "../../pricing/catalog-rates";
import { catalogRatesToPico } from "../../pricing/price-event";
import { type Candidate, type OpportunityContext, pct, sumTokens, WINDOW_DAYS } from "../context";
import { cachingSaving } from "../estimates";

export const kind = "prompt_caching" as const;
/** Prompt-caching estimates assume this share of input tokens read from the cache. */
export const TARGET_CACHE_HIT = 0.5;

/** 2. Prompt caching where the provider reads the cache without paid writes (the two costliest models). */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const { feature, owner, ranked } of await ctx.features()) {
    for (const cur of ranked) {
      const s = sumTokens(cur.rows);
      const r = getRates(cur.rows[0].provider || null, cur.model, ctx.now);
      if (!r || r.cachedInputPerMTok === null || r.cacheWritePerMTok !== null || s.inputTokens === 0n) continue;
      const hit = Number(s.cachedInputTokens) / Number(s.inputTokens);
      if (hit >= TARGET_CACHE_HIT - 0.05) continue;
      const pr = catalogRatesToPico(r);
      const est = cachingSaving({ ...s, targetHitRate: TARGET_CACHE_HIT, inputRate: pr.input, cachedRate: pr.cached });
      out.push({
        id: `prompt_caching:${feature}:${cur.model}`,
        kind,
        feature,
        owner_team: owner,
        title: `Cache ${feature}'s repeated prompt prefix on ${cur.model}`,
        saving: est.saving,
        cost: cur.cost,
        basis: [
          `Cache-hit share over ${WINDOW_DAYS} days: ${pct(hit)} of ${Number(s.inputTokens).toLocaleString("en-US")} input tokens.`,
          `At a ${pct(TARGET_CACHE_HIT)} hit rate, ${Number(est.extraCachedTokens).toLocaleString("en-US")} more input tokens would bill at the cache-read price $${r.cachedInputPerMTok}/MTok instead of $${r.inputPerMTok}/MTok (${r.provider} caches automatically: no write surcharge).`,
          "Put the stable part of the prompt (system prompt, tools, retrieved documents that repeat) first and keep it byte-identical between calls.",
        ],
        evidence: {
          model: cur.model,
          cache_hit_share: hit,
          target_hit_rate: TARGET_CACHE_HIT,
          input_per_mtok: r.inputPerMTok,
          cached_input_per_mtok: r.cachedInputPerMTok,
        },
        proposal: {
          type: "change_request",
          feature,
          change: `Restructure ${feature}'s prompt so that its stable prefix is cached (target ${pct(TARGET_CACHE_HIT)} cache-hit share on ${cur.model}).`,
        },
      });
    }
  }
  return out;
}
