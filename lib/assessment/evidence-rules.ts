/**
 * Evidence rules: pure functions from plain numbers (gathered by ./get-evidence.ts) to a
 * sentence and a suggested answer. A suggestion is only that: the person decides, nothing
 * is ever submitted automatically. `suggested: null` = the data cannot tell.
 * Thresholds are ours (documented beside each rule) — the field gives the direction, not a number.
 */
import { duration, pct } from "../format";
import type { ItemId } from "./items";

export type Evidence = {
  item: ItemId;
  suggested: boolean | null;
  summary: string;
  /** optional small table (at most a few dozen rows) shown under the summary */
  rows?: { label: string; value: string }[];
};

const NO_EVENTS = "No cost events in the last 30 days: send events to let Spendline check this.";

/** Events whose feature is a real capability name (not empty / "unknown" / "default"). Yes at ≥ 95 %. */
export function perFeatureTokensRule(x: { events: number; withFeature: number }): Evidence {
  const item = "visibility.per_feature_tokens" as const;
  if (x.events === 0) return { item, suggested: null, summary: NO_EVENTS };
  const share = x.withFeature / x.events;
  return {
    item,
    suggested: share >= 0.95,
    summary: `${pct(share)} of last-30-day events (${x.withFeature.toLocaleString("en-US")} of ${x.events.toLocaleString("en-US")}) carry a feature id.`,
  };
}

/** Events with a session or user id. Yes at ≥ 90 %. */
export function requestMetadataRule(x: { events: number; withSessionOrUser: number }): Evidence {
  const item = "visibility.request_metadata" as const;
  if (x.events === 0) return { item, suggested: null, summary: NO_EVENTS };
  const share = x.withSessionOrUser / x.events;
  return {
    item,
    suggested: share >= 0.9,
    summary: `${pct(share)} of last-30-day events carry a session or user id.`,
  };
}

/**
 * Ingestion delay (received − timestamp). Yes when median ≤ 5 min and p95 ≤ 15 min.
 * `sampled`: how many recent events the percentiles come from (a bounded sample).
 */
export function minutesFreshRule(x: {
  sampled: number;
  medianMs: number | null;
  p95Ms: number | null;
  mean30dMs: number | null;
}): Evidence {
  const item = "visibility.minutes_fresh" as const;
  const mean = x.mean30dMs === null ? "" : ` 30-day mean: ${duration(x.mean30dMs)}.`;
  if (x.sampled === 0 || x.medianMs === null || x.p95Ms === null) {
    return { item, suggested: null, summary: `No events received in the last 24 hours to measure the delay.${mean}` };
  }
  return {
    item,
    suggested: x.medianMs <= 5 * 60_000 && x.p95Ms <= 15 * 60_000,
    summary: `Ingestion delay over the ${x.sampled.toLocaleString("en-US")} most recent events of the last 24 h: median ${duration(x.medianMs)}, p95 ${duration(x.p95Ms)}.${mean}`,
  };
}

/** Active features that are configured (a Feature record with a unit of value). Yes when all are. */
export function costPerUnitRule(x: { activeFeatures: number; configured: number; missing: string[] }): Evidence {
  const item = "unit.cost_per_unit" as const;
  if (x.activeFeatures === 0) return { item, suggested: null, summary: NO_EVENTS };
  return {
    item,
    suggested: x.configured === x.activeFeatures,
    summary: `${x.configured} of ${x.activeFeatures} active features have a unit of value configured.${x.missing.length ? ` Missing: ${listNames(x.missing)}.` : ""}`,
  };
}

/** A weekly trend needs data in at least two distinct ISO weeks and ≥ 14 days of history. */
export function weeklyTrendRule(x: { daysWithData: number; distinctWeeks: number; firstDay: string | null }): Evidence {
  const item = "unit.weekly_trend" as const;
  if (x.daysWithData === 0) return { item, suggested: null, summary: "No cost data in the last 8 weeks." };
  const ok = x.distinctWeeks >= 2 && x.daysWithData >= 14;
  return {
    item,
    suggested: ok,
    summary: ok
      ? `Spendline has ${x.distinctWeeks} weeks of data (since ${x.firstDay}): the weekly unit-cost trend is available on Unit economics — answer yes if someone reviews it weekly.`
      : `Only ${x.daysWithData} days in ${x.distinctWeeks} week(s) of data: a weekly trend needs at least two weeks.`,
  };
}

/** Share of 30-day cost from features with a value per unit and a method. Yes at ≥ 80 %. */
export function valueMetricRule(x: { activeFeatures: number; withValue: number; costShareWithValue: number | null }): Evidence {
  const item = "unit.value_metric" as const;
  if (x.activeFeatures === 0 || x.costShareWithValue === null) return { item, suggested: null, summary: NO_EVENTS };
  return {
    item,
    suggested: x.costShareWithValue >= 0.8,
    summary: `${x.withValue} of ${x.activeFeatures} active features have a value per unit set, covering ${pct(x.costShareWithValue)} of last-30-day cost.`,
  };
}

/**
 * Models per feature. A reviewed selection shows up as different models for different use
 * cases (features whose model sets differ), or as one feature routing between several models.
 * Everything on one single model suggests defaulting.
 */
export function modelSelectionRule(x: { perFeature: { feature: string; models: string[] }[] }): Evidence {
  const item = "optimize.model_selection" as const;
  if (x.perFeature.length === 0) return { item, suggested: null, summary: NO_EVENTS };
  const all = new Set(x.perFeature.flatMap((f) => f.models));
  const signatures = new Set(x.perFeature.map((f) => [...f.models].sort().join("|")));
  const rows = x.perFeature.slice(0, 20).map((f) => ({ label: f.feature, value: f.models.join(", ") }));
  if (x.perFeature.length === 1) {
    const f = x.perFeature[0];
    return {
      item,
      suggested: f.models.length >= 2,
      summary:
        f.models.length >= 2
          ? `${f.feature} routes between ${f.models.length} models.`
          : `${f.feature} runs on a single model (${f.models[0]}): check that it is the smallest one that does the job.`,
      rows,
    };
  }
  const varied = all.size >= 2 && signatures.size >= 2;
  return {
    item,
    suggested: varied,
    summary: varied
      ? `${all.size} models in use across ${x.perFeature.length} features: selection differs per use case.`
      : `Every feature uses the same model${all.size === 1 ? ` (${[...all][0]})` : "s"}: no sign of per-use-case selection.`,
    rows,
  };
}

export function maxTokensRule(): Evidence {
  return {
    item: "optimize.max_tokens",
    suggested: null,
    summary: "Spendline does not see request parameters such as max_tokens: answer from your code review.",
  };
}

/** Cached-input share per provider. Yes when every provider with input tokens caches ≥ 5 % of input. */
export function cachingRule(x: { perProvider: { provider: string; inputTokens: number; cachedInputTokens: number }[] }): Evidence {
  const item = "optimize.caching" as const;
  const used = x.perProvider.filter((p) => p.inputTokens > 0);
  if (used.length === 0) return { item, suggested: null, summary: NO_EVENTS };
  const rows = used.map((p) => ({ label: p.provider || "(provider not given)", value: pct(p.cachedInputTokens / p.inputTokens) }));
  const ok = used.every((p) => p.cachedInputTokens / p.inputTokens >= 0.05);
  return {
    item,
    suggested: ok,
    summary: ok
      ? "Every provider in use serves at least 5% of input tokens from the prompt cache."
      : `Providers with under 5% cached input: ${listNames(used.filter((p) => p.cachedInputTokens / p.inputTokens < 0.05).map((p) => p.provider || "(not given)"))}.`,
    rows,
  };
}

/** Features without an estimate (design tokens per request, or a fixed cost assigned to them). Yes when none. */
export function cogsEstimateRule(x: { activeFeatures: number; withoutEstimate: string[] }): Evidence {
  const item = "govern.cogs_estimate" as const;
  if (x.activeFeatures === 0) return { item, suggested: null, summary: NO_EVENTS };
  const n = x.withoutEstimate.length;
  return {
    item,
    suggested: n === 0,
    summary:
      n === 0
        ? `All ${x.activeFeatures} active features have a design estimate or an assigned fixed cost.`
        : `${n} of ${x.activeFeatures} active features have no design estimate (tokens per request) and no fixed/COGS cost assigned: ${listNames(x.withoutEstimate)}.`,
  };
}

/** Active features with a feature-level budget. Yes when all have one. */
export function featureBudgetsRule(x: { activeFeatures: number; withBudget: number; missing: string[] }): Evidence {
  const item = "govern.feature_budgets" as const;
  if (x.activeFeatures === 0) return { item, suggested: null, summary: NO_EVENTS };
  return {
    item,
    suggested: x.withBudget === x.activeFeatures,
    summary: `${x.withBudget} of ${x.activeFeatures} active features have a feature-level budget.${x.missing.length ? ` Without: ${listNames(x.missing)}.` : ""}`,
  };
}

/** Zombie candidates found by the detector. None → a process may exist (suggest yes); some → no. */
export function zombieRule(x: { featuresChecked: number; zombies: string[] }): Evidence {
  const item = "govern.zombie_process" as const;
  if (x.featuresChecked === 0) return { item, suggested: null, summary: NO_EVENTS };
  return {
    item,
    suggested: x.zombies.length === 0,
    summary:
      x.zombies.length === 0
        ? `The zombie detector finds no feature whose tokens hold up while users fall (${x.featuresChecked} checked).`
        : `Zombie candidates (tokens stable or rising while users fall): ${listNames(x.zombies)}.`,
  };
}

/**
 * The shadow-AI audit, from the Shadow AI page (lib/shadow-ai): the date of the last statement
 * import and the share of AI spend found outside sanctioned accounts over the 12 months before.
 * Yes when a statement was imported in the last 365 days; no when the last one is older.
 */
export function shadowAiRule(x: {
  lastImportAt: string | null;
  asOf: string;
  aiSpendUsd: string;
  unsanctionedShare: number | null;
}): Evidence {
  const item = "govern.shadow_ai_audit" as const;
  if (!x.lastImportAt)
    return {
      item,
      suggested: null,
      summary:
        "No expense or card statement imported yet: conduct the audit on the Shadow AI page, or answer from an audit done elsewhere.",
    };
  const days = Math.floor((Date.parse(x.asOf) - Date.parse(x.lastImportAt)) / 86_400_000);
  const share =
    x.unsanctionedShare === null
      ? "no AI spend found on them"
      : `${pct(x.unsanctionedShare)} of the AI spend found ($${x.aiSpendUsd}) is outside sanctioned accounts`;
  return {
    item,
    suggested: days <= 365,
    summary: `Last statements imported ${x.lastImportAt.slice(0, 10)} (${days} days ago); over the 12 months before, ${share}.`,
  };
}

function listNames(names: string[], max = 6): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
