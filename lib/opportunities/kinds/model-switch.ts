import "server-only";
import { textCatalogModels } from "../../metrics/cheaper-models";
import { displayUsd, formatUsd6, type Pico } from "../../money";
import { getRates } from "../../pricing/catalog-rates";
import { catalogRatesToPico } from "../../pricing/price-event";
import { type Candidate, type OpportunityContext, pct, sumTokens, tokensOf, WINDOW_DAYS } from "../context";
import { modelSwitchSaving, ppm, priceSums } from "../estimates";
import type { GroupRow, ModelQuality } from "../load-inputs";
import { catalogFacts, fitsRequests, repriceRows } from "../reprice";

export const kind = "model_switch" as const;

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** Outcome rates of some (feature, model) rows: success among calls that report success or failure. */
export function qualityOf(rows: readonly ModelQuality[]) {
  if (!rows.length) return null;
  const t = rows.reduce(
    (a, r) => ({
      events: a.events + r.events,
      s: a.s + r.successes,
      f: a.f + r.failures,
      ct: a.ct + r.correct_true,
      cs: a.cs + r.correct_set,
    }),
    { events: 0, s: 0, f: 0, ct: 0, cs: 0 },
  );
  return {
    events: t.events,
    success_rate: rate(t.s, t.s + t.f),
    correct_rate: rate(t.ct, t.cs),
    correct_sample: t.cs,
    features: [...new Set(rows.map((r) => r.feature))].sort(),
  };
}

/** 1. Model switch, per (feature, model) for the feature's two costliest models. */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const [features, quality, overrides] = await Promise.all([ctx.features(), ctx.quality(), ctx.overrides()]);
  const out: Candidate[] = [];
  for (const { feature, owner, sample, ranked } of features) {
    for (const cur of ranked) {
      const sw = bestSwitch(feature, cur, sample?.maxInput ?? null, quality, overrides, ctx.now);
      if (!sw) continue;
      const q = sw.quality;
      const cq = qualityOf(quality.filter((x) => x.feature === feature && x.model === cur.model));
      out.push({
        id: `model_switch:${feature}:${cur.model}`,
        kind,
        feature,
        owner_team: owner,
        title: `Route ${feature} from ${cur.model} to ${sw.model}`,
        saving: modelSwitchSaving(cur.cost, sw.cost),
        cost: cur.cost,
        basis: [
          `${cur.rows.reduce((a, r) => a + r.events, 0).toLocaleString("en-US")} calls to ${cur.model} in the last ${WINDOW_DAYS} days cost ${displayUsd(cur.cost)}; the same token vectors (input, cached, cache-write, output incl. reasoning) at ${sw.model}'s rates of each day would cost ${displayUsd(sw.cost)}.`,
          q
            ? `Quality evidence from your own traffic (${q.features.includes(feature) ? "this feature" : q.features.join(", ")}, ${q.events.toLocaleString("en-US")} calls): ${sw.model} ${q.success_rate !== null ? `succeeded on ${pct(q.success_rate)}` : "reported no outcomes"}${q.correct_rate !== null ? `, correct on ${pct(q.correct_rate)} of ${q.correct_sample} graded` : ""}; ${cur.model} on ${feature}: ${cq?.success_rate != null ? `${pct(cq.success_rate)} success` : "no outcomes"}${cq?.correct_rate != null ? `, ${pct(cq.correct_rate)} correct` : ""}.`
            : `No quality evidence: your organisation has not used ${sw.model} in the window (closest step down of ${sw.provider} saving at least ${pct(NO_EVIDENCE_MIN_SAVING)}). Trial it on a share of traffic before switching.`,
          `Approving makes the guardrail check answer "downgrade" to ${sw.model} for ${feature}'s calls of ${cur.model}, and sets ${sw.model} as the feature's fallback model.`,
          sample
            ? `Largest request in the latest ${sample.size.toLocaleString("en-US")} calls: ${sample.maxInput.toLocaleString("en-US")} input tokens — within ${sw.model}'s context window and below any long-context price tier.`
            : "",
        ].filter(Boolean),
        evidence: {
          from_model: cur.model,
          to_model: sw.model,
          to_provider: sw.provider,
          candidate_cost_usd: formatUsd6(sw.cost),
          quality_candidate: q,
          quality_current: cq,
          alternatives: sw.alternatives,
        },
        proposal: { type: "guardrail_downgrade", feature, from_model: cur.model, to_model: sw.model },
      });
    }
  }
  return out;
}

type Switch = {
  provider: string;
  model: string;
  cost: Pico;
  quality: ReturnType<typeof qualityOf>;
  alternatives: { model: string; cost_usd: string; evidence: boolean }[];
};
const SAME_FEATURE_EVIDENCE = 100; // calls of the candidate on this feature
const OTHER_FEATURE_EVIDENCE = 200; // … or on the organisation's other features
export const NO_EVIDENCE_MIN_SAVING = 0.2; // a trial without evidence is worth it only for ≥ 20 %

/**
 * The candidate for a (feature, model): cheaper text models that take the feature's largest
 * request — the current model's provider's catalog, plus any model this feature already uses.
 * A candidate has evidence when the organisation ran it on this feature (≥ 100 calls) or on other
 * features (≥ 200); it qualifies when its success and correct rates are within 5 points of the
 * current model's on this feature. Qualified candidates: the largest saving. Otherwise the
 * closest step down saving ≥ 20 %, marked "no evidence".
 */
function bestSwitch(
  feature: string,
  cur: { model: string; rows: GroupRow[]; cost: Pico },
  maxInput: number | null,
  quality: readonly ModelQuality[],
  overrides: Parameters<typeof repriceRows>[2],
  now: Date,
): Switch | null {
  const used = getRates(cur.rows[0].provider || null, cur.model, now);
  if (!used) return null;
  const totals = sumTokens(cur.rows);
  // catalog id → the organisation's own model string and its evidence rows
  const names = new Map<string, { provider: string; model: string; rows: ModelQuality[] }>();
  for (const q of quality) {
    const r = getRates(q.provider || null, q.model, now);
    if (!r || r.model === used.model || (r.provider !== used.provider && q.feature !== feature)) continue;
    const k = `${r.provider}/${r.model}`;
    const e = names.get(k) ?? { provider: r.provider, model: q.model, rows: [] };
    e.rows.push(q);
    names.set(k, e);
  }
  for (const m of textCatalogModels()) {
    const k = `${m.provider}/${m.model}`;
    if (m.provider === used.provider && m.model !== used.model && !names.has(k))
      names.set(k, { provider: m.provider, model: m.model, rows: [] });
  }
  const curQ = qualityOf(quality.filter((x) => x.feature === feature && x.model === cur.model));
  const within = (a: number | null | undefined, b: number | null | undefined) => a == null || b == null || a >= b - 0.05;
  const scored: { provider: string; model: string; cost: Pico; quality: ReturnType<typeof qualityOf>; good: boolean }[] = [];
  for (const c of names.values()) {
    const r = getRates(c.provider, c.model, now);
    if (!r || priceSums(totals, catalogRatesToPico(r)) >= cur.cost) continue;
    if (!fitsRequests(catalogFacts(r.provider, r.model, now), maxInput)) continue;
    const exact = repriceRows(cur.rows.map(tokensOf), { provider: c.provider, model: c.model }, overrides);
    if (exact === null || exact >= cur.cost) continue;
    const same = c.rows.filter((x) => x.feature === feature);
    const sameQ = qualityOf(same);
    const q = sameQ && sameQ.events >= SAME_FEATURE_EVIDENCE ? sameQ : qualityOf(c.rows.filter((x) => x.feature !== feature));
    const evidence = !!q && (q.features.includes(feature) || q.events >= OTHER_FEATURE_EVIDENCE);
    const good =
      evidence && q!.success_rate !== null && within(q!.success_rate, curQ?.success_rate) && within(q!.correct_rate, curQ?.correct_rate);
    scored.push({ provider: c.provider, model: c.model, cost: exact, quality: evidence ? q : null, good });
  }
  const byCost = (a: { cost: Pico }, b: { cost: Pico }) => (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0);
  const good = scored.filter((s) => s.good).sort(byCost);
  const maxTrialCost = cur.cost - (cur.cost * ppm(NO_EVIDENCE_MIN_SAVING)) / 1_000_000n;
  const pick = good[0] ?? scored.filter((s) => !s.quality && s.cost <= maxTrialCost).sort((a, b) => byCost(b, a))[0];
  if (!pick) return null;
  const alternatives = scored
    .filter((s) => s !== pick && (s.good || s.quality))
    .sort(byCost)
    .slice(0, 3)
    .map((s) => ({ model: s.model, cost_usd: formatUsd6(s.cost), evidence: !!s.quality }));
  return { provider: pick.provider, model: pick.model, cost: pick.cost, quality: pick.quality, alternatives };
}
