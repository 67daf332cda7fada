import "server-only";
import { unusedSeatsByTeam } from "../coding-agents/unused-seats";
import { getAntiPatterns } from "../metrics/get-anti-patterns";
import { textCatalogModels } from "../metrics/cheaper-models";
import { getFreemiumTrap } from "../metrics/get-freemium-trap";
import { readFeatureSettings } from "../settings/read-settings";
import { addDays } from "../time";
import { displayUsd, formatUsd6, parseUsd, type Pico } from "../money";
import { getRates } from "../pricing/catalog-rates";
import { loadOverrides } from "../pricing/load-overrides";
import { catalogRatesToPico } from "../pricing/price-event";
import {
  batchSaving,
  cachingSaving,
  ppm,
  loopSaving,
  modelSwitchSaving,
  outputCapEstimate,
  priceSums,
  throttleSaving,
  zombieSaving,
} from "./estimates";
import { loadGroups, loadModelQuality, loadSamples, topFeatureOf, type GroupRow, type ModelQuality } from "./load-inputs";
import { catalogFacts, fitsRequests, repriceRows, type RollupTokens } from "./reprice";
import type { Opportunity } from "./types";

/**
 * GET /api/v1/opportunities: savings priced from the organisation's own last 30 full days
 * (docs/decisions/024). Figures are 30-day amounts ("monthly"); different opportunities on
 * the same feature overlap and must not be added up.
 */
export const WINDOW_DAYS = 30;
/** Prompt-caching estimates assume this share of input tokens read from the cache. */
export const TARGET_CACHE_HIT = 0.5;
/** Published batch discounts (USD off input and output) where the catalog has no batch price. */
export const BATCH_DISCOUNT: Record<string, { percent: number; source: string }> = {
  openai: { percent: 50, source: "OpenAI Batch API (24 h turnaround)" },
  anthropic: { percent: 50, source: "Anthropic Message Batches API" },
  google: { percent: 50, source: "Gemini Batch Mode" },
};
const MIN_SAVING = parseUsd("1"); // under $1 a month is noise, not an opportunity
const UNATTENDED_SHARE = 0.5; // a feature is not interactive when most events have no user and no session

const big = (s: string) => BigInt(s);
const tokensOf = (r: GroupRow): RollupTokens => ({
  day: r.day,
  inputTokens: big(r.input),
  outputTokens: big(r.output),
  cachedInputTokens: big(r.cached),
  cacheWriteTokens: big(r.write),
});
const sumTokens = (rows: readonly GroupRow[]) =>
  rows.reduce(
    (a, r) => ({
      inputTokens: a.inputTokens + big(r.input),
      outputTokens: a.outputTokens + big(r.output),
      cachedInputTokens: a.cachedInputTokens + big(r.cached),
      cacheWriteTokens: a.cacheWriteTokens + big(r.write),
    }),
    { inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n },
  );
const costSum = (rows: readonly GroupRow[]) => rows.reduce((a, r) => a + parseUsd(r.cost), 0n);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
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

export async function getOpportunities(organizationId: string, now = new Date()) {
  const to = now.toISOString().slice(0, 10); // today is partial: the window is the 30 full days before it
  const from = addDays(to, -WINDOW_DAYS);
  const [groups, quality, settings, overrides, anti, trap] = await Promise.all([
    loadGroups(organizationId, from, to),
    loadModelQuality(organizationId, from, to),
    readFeatureSettings(organizationId),
    loadOverrides(organizationId),
    getAntiPatterns(organizationId, { from, to }, now),
    getFreemiumTrap(organizationId, { from, to, as_of: addDays(to, -1) }, now),
  ]);
  const byFeature = new Map<string, GroupRow[]>();
  for (const g of groups) byFeature.set(g.feature, [...(byFeature.get(g.feature) ?? []), g]);
  const features = [...byFeature.entries()]
    .map(([f, rows]) => ({ feature: f, rows, cost: costSum(rows) }))
    .sort((a, b) => (b.cost > a.cost ? 1 : b.cost < a.cost ? -1 : 0));
  const samples = await loadSamples(
    organizationId,
    features.map((f) => f.feature),
    from,
    to,
  );
  const ownerOf = (f: string, rows: readonly GroupRow[]) => settings.get(f)?.ownerTeam ?? rows[0]?.team ?? null;
  const out: Opportunity[] = [];
  const push = (o: Omit<Opportunity, "monthly_saving_usd" | "current_monthly_cost_usd"> & { saving: Pico; cost: Pico }) => {
    if (o.saving < MIN_SAVING) return;
    const { saving, cost, ...rest } = o;
    out.push({ ...rest, monthly_saving_usd: formatUsd6(saving), current_monthly_cost_usd: formatUsd6(cost) });
  };

  for (const { feature, rows, cost: featureCost } of features) {
    const owner = ownerOf(feature, rows);
    const sample = samples.get(feature);
    const models = new Map<string, GroupRow[]>();
    for (const r of rows) models.set(r.model, [...(models.get(r.model) ?? []), r]);

    // 1. model switch, per (feature, model) for the feature's two costliest models
    const ranked = [...models.entries()]
      .map(([m, mr]) => ({ model: m, rows: mr, cost: costSum(mr) }))
      .sort((a, b) => (b.cost > a.cost ? 1 : -1))
      .slice(0, 2);
    for (const cur of ranked) {
      const sw = bestSwitch(feature, cur, sample?.maxInput ?? null, quality, overrides, now);
      if (!sw) continue;
      const saving = modelSwitchSaving(cur.cost, sw.cost);
      const q = sw.quality;
      const cq = qualityOf(quality.filter((x) => x.feature === feature && x.model === cur.model));
      push({
        id: `model_switch:${feature}:${cur.model}`,
        kind: "model_switch",
        feature,
        owner_team: owner,
        title: `Route ${feature} from ${cur.model} to ${sw.model}`,
        saving,
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

    // 2. prompt caching where the provider reads the cache without paid writes
    for (const cur of ranked) {
      const s = sumTokens(cur.rows);
      const r = getRates(cur.rows[0].provider || null, cur.model, now);
      if (!r || r.cachedInputPerMTok === null || r.cacheWritePerMTok !== null || s.inputTokens === 0n) continue;
      const hit = Number(s.cachedInputTokens) / Number(s.inputTokens);
      if (hit >= TARGET_CACHE_HIT - 0.05) continue;
      const pr = catalogRatesToPico(r);
      const est = cachingSaving({ ...s, targetHitRate: TARGET_CACHE_HIT, inputRate: pr.input, cachedRate: pr.cached });
      push({
        id: `prompt_caching:${feature}:${cur.model}`,
        kind: "prompt_caching",
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

    if (!sample || sample.size === 0) continue;
    // 3. output cap at the sampled p95
    let outputCost = 0n;
    for (const r of rows) {
      const rt = getRates(r.provider || null, r.model, new Date(`${r.day}T12:00:00Z`));
      if (rt)
        outputCost += priceSums(
          { inputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, outputTokens: big(r.output) },
          catalogRatesToPico(rt),
        );
    }
    const cap = outputCapEstimate(sample.outputs, outputCost);
    if (cap?.fires) {
      push({
        id: `output_cap:${feature}`,
        kind: "output_cap",
        feature,
        owner_team: owner,
        title: `Cap ${feature}'s output at ${cap.p95.toLocaleString("en-US")} tokens (max_tokens)`,
        saving: cap.saving,
        cost: featureCost,
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

    // 4. batch pricing for unattended traffic
    const unattended = sample.unattended / sample.size;
    const provider = ranked[0]?.rows[0].provider ?? "";
    const batch = BATCH_DISCOUNT[provider];
    if (batch && unattended >= UNATTENDED_SHARE) {
      push({
        id: `batch:${feature}`,
        kind: "batch",
        feature,
        owner_team: owner,
        title: `Send ${feature}'s unattended calls through the ${provider} batch API`,
        saving: batchSaving(featureCost, unattended, batch.percent),
        cost: featureCost,
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

    // 5. anti-pattern detectors turned into money
    const fired = (d: string) => anti.findings.find((x) => x.detector === d && x.subject === feature && x.fired);
    const zombie = fired("zombie_feature");
    if (zombie) {
      push({
        id: `zombie:${feature}`,
        kind: "zombie",
        feature,
        owner_team: owner,
        title: `Retire the unattended work of zombie feature ${feature}`,
        saving: zombieSaving(featureCost, Math.max(unattended, 0)),
        cost: featureCost,
        basis: [
          `The zombie detector fired: weekly active users ${zombie.evidence.weekly_users_before} → ${zombie.evidence.weekly_users_after} while tokens changed ${pct(Number(zombie.evidence.token_change ?? 0))}.`,
          `${pct(unattended)} of its calls have no user and no session; stopping them saves that share of ${displayUsd(featureCost)}.`,
        ],
        evidence: { ...zombie.evidence, unattended_share: unattended },
        proposal: {
          type: "change_request",
          feature,
          change: `Switch off ${feature}'s scheduled job (calls without a user) or retire the feature; the owner team confirms nobody relies on it.`,
        },
      });
    }
    const loop = fired("agentic_loop");
    const design = settings.get(feature)?.designCallsPerRequest ?? null;
    const callsPer = Number(loop?.evidence.calls_per_interaction ?? 0);
    if (loop && design) {
      const est = loopSaving(featureCost, callsPer, design);
      const limit = featureCost - est.saving;
      push({
        id: `agentic_loop:${feature}`,
        kind: "agentic_loop",
        feature,
        owner_team: owner,
        title: `Stop ${feature}'s agent loops at ${design} calls`,
        saving: est.saving,
        cost: featureCost,
        basis: [
          `The agentic-loop detector fired: ${callsPer.toFixed(1)} calls per interaction against a design of ${design}.`,
          `Excess calls are ${pct(est.excessShare)} of the calls; at the feature's mean cost per call that is ${displayUsd(est.saving)} of ${displayUsd(featureCost)}.`,
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
  }

  // 6. free-tier throttling of trapped tenants
  const trapped = trap.list.filter((t) => t.trapped && t.cheaper_models.length);
  if (trapped.length) {
    const target = trapped[0].cheaper_models[0].model;
    const feature = await topFeatureOf(
      organizationId,
      trapped.map((t) => t.tenant_id),
      from,
      to,
    );
    const cost = trapped.reduce((a, t) => a + parseUsd(t.cost_30d_usd), 0n);
    const saving = throttleSaving(
      trapped.map((t) => ({ cost: parseUsd(t.cost_30d_usd), atThrottleModel: parseUsd(t.cheaper_models[0].estimated_cost_30d_usd) })),
    );
    if (feature) {
      push({
        id: `freemium_throttle:${feature}`,
        kind: "freemium_throttle",
        feature,
        owner_team: ownerOf(feature, byFeature.get(feature) ?? []),
        title: `Throttle ${trapped.length} trapped free tenants on ${feature} to ${target}`,
        saving,
        cost,
        basis: [
          `${trapped.length} free tenants cost ${displayUsd(cost)} in their first 30 days against a predicted LTV of ${displayUsd(parseUsd(trap.predicted_ltv_usd))} each.`,
          `Their token mix at the throttle model (the dearest same-provider model that fits under the LTV) would cost ${displayUsd(cost - saving)}.`,
          `Approving turns on freemium throttling for ${feature} with ${target} as its fallback model (the fallback budgets and the kill switch also use).`,
        ],
        evidence: {
          tenants: trapped
            .slice(0, 20)
            .map((t) => ({ tenant: t.tenant_id, cost_30d_usd: t.cost_30d_usd, throttle_model: t.cheaper_models[0].model })),
        },
        proposal: { type: "throttle", feature, fallback_model: target },
      });
    }
  }

  // coding-agent seats nobody used: the saving is their monthly price (lib/coding-agents)
  for (const t of await unusedSeatsByTeam(organizationId, now)) {
    const names = t.unused.map((u) => u.person);
    push({
      id: `unused_seats:${t.team}`,
      kind: "unused_seats",
      feature: "coding agents",
      owner_team: t.team === "unallocated" ? null : t.team,
      title: `Cancel ${t.unused.length} unused coding-agent seat${t.unused.length === 1 ? "" : "s"} (${t.team})`,
      basis: [
        `${t.unused.length} of ${t.seats} seats of ${t.month} show no activity in the last 30 days and no usage: ${names.slice(0, 6).join(", ")}${names.length > 6 ? "…" : ""}.`,
        "The saving is those seats' monthly price, as imported.",
      ],
      evidence: { month: t.month, seats: t.seats, unused: t.unused },
      proposal: { type: "change_request", feature: "coding agents", change: `Cancel or reassign the seats of ${names.join(", ")}.` },
      saving: t.unusedPico,
      cost: t.seatsPico,
    });
  }
  out.sort((a, b) => Number(parseUsd(b.monthly_saving_usd) - parseUsd(a.monthly_saving_usd)) || a.id.localeCompare(b.id));
  return { window: { from, to, days: WINDOW_DAYS }, note: "Figures on the same feature overlap: do not add them up.", opportunities: out };
}

export type OpportunitiesResponse = Awaited<ReturnType<typeof getOpportunities>>;

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
