/**
 * Anti-pattern detectors (docs/metrics.md "Anti-pattern detectors"): pure functions over plain
 * rows. Each returns the signal in words, the evidence numbers and whether it fires.
 * Thresholds are named constants: they are the product's opinion, shown in the UI.
 */
export type Finding = {
  detector: "zombie_feature" | "agentic_loop" | "negative_unit_economics" | "technology_churn" | "prompt_cache_regression" | "streaming_abort_gap";
  subject: string; // feature or model
  fired: boolean;
  severity: "warning" | "critical";
  signal: string;
  evidence: Record<string, number | string | null>;
};

export const THRESHOLDS = {
  zombieUserDrop: 0.3, // active users fall ≥ 30 % …
  zombieTokenFloor: -0.1, // … while tokens do not fall by more than 10 %
  loopDesignMultiple: 3, // tokens or calls per interaction ≥ 3× the design estimate
  loopCv: 2, // coefficient of variation of cost per session ≥ 2
  scaleVolumeRise: 0.2, // volume up ≥ 20 % while unit margin falls
  churnIdleDays: 14, // a model unused for 14 days is "not used recently"
  churnSpendShare: 0.05, // … and took ≥ 5 % of spend in the period
  cacheDropPoints: 0.2, // cache-hit share drops ≥ 20 points after a model change
  abortGapShare: 0.1, // billed output tokens ≥ 10 % above delivered
} as const;

function change(before: number, after: number): number | null {
  return before > 0 ? (after - before) / before : null;
}

/** Halves of a series: first half vs second half (odd middle element dropped). */
function halves<T>(rows: readonly T[]): [T[], T[]] {
  const h = Math.floor(rows.length / 2);
  return [rows.slice(0, h), rows.slice(rows.length - h)];
}
const sumOf = <T,>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

/** Zombie: tokens stable or rising while active users fall (weekly rows, oldest first). */
export function detectZombie(feature: string, weeks: readonly { week: string; tokens: number; activeUsers: number }[]): Finding {
  const [a, b] = halves(weeks);
  const usersBefore = sumOf(a, (r) => r.activeUsers), usersAfter = sumOf(b, (r) => r.activeUsers);
  const tokBefore = sumOf(a, (r) => r.tokens), tokAfter = sumOf(b, (r) => r.tokens);
  const userChange = change(usersBefore, usersAfter);
  const tokenChange = change(tokBefore, tokAfter);
  const fired = a.length >= 1 && userChange !== null && tokenChange !== null && userChange <= -THRESHOLDS.zombieUserDrop && tokenChange >= THRESHOLDS.zombieTokenFloor;
  return {
    detector: "zombie_feature", subject: feature, fired, severity: userChange !== null && userChange <= -0.6 ? "critical" : "warning",
    signal: "Tokens stable or rising while active users fall",
    evidence: { users_before: usersBefore, users_after: usersAfter, user_change: userChange, tokens_before: tokBefore, tokens_after: tokAfter, token_change: tokenChange },
  };
}

/** Agentic loop: tokens or calls per interaction far above the design estimate, or a very uneven cost per session. */
export function detectAgenticLoop(
  feature: string,
  x: { interactions: number; events: number; tokens: number; designTokens: number | null; designCalls: number | null; costMean: number | null; costStddev: number | null },
): Finding {
  const tokensPer = x.interactions > 0 ? x.tokens / x.interactions : null;
  const callsPer = x.interactions > 0 ? x.events / x.interactions : null;
  const tokMult = tokensPer !== null && x.designTokens ? tokensPer / x.designTokens : null;
  const callMult = callsPer !== null && x.designCalls ? callsPer / x.designCalls : null;
  const cv = x.costMean && x.costStddev !== null && x.costMean > 0 ? x.costStddev / x.costMean : null;
  const overDesign = (tokMult ?? 0) >= THRESHOLDS.loopDesignMultiple || (callMult ?? 0) >= THRESHOLDS.loopDesignMultiple;
  const uneven = (cv ?? 0) >= THRESHOLDS.loopCv;
  return {
    detector: "agentic_loop", subject: feature, fired: overDesign || uneven, severity: overDesign && uneven ? "critical" : "warning",
    signal: "Tokens or calls per interaction far above the design estimate; high variance of cost per session",
    evidence: { tokens_per_interaction: tokensPer, design_tokens: x.designTokens, calls_per_interaction: callsPer, design_calls: x.designCalls, cost_cv: cv },
  };
}

/** Negative unit economics at scale: unit margin falls as volume rises (weekly rows, oldest first). */
export function detectNegativeUnitEconomics(feature: string, weeks: readonly { week: string; units: number; unitMargin: number | null }[]): Finding {
  const rows = weeks.filter((w) => w.unitMargin !== null && w.units > 0);
  const [a, b] = halves(rows);
  const volA = sumOf(a, (r) => r.units), volB = sumOf(b, (r) => r.units);
  const mA = a.length ? sumOf(a, (r) => r.unitMargin! * r.units) / volA : null;
  const mB = b.length ? sumOf(b, (r) => r.unitMargin! * r.units) / volB : null;
  const volChange = change(volA, volB);
  const fired = volChange !== null && mA !== null && mB !== null && volChange >= THRESHOLDS.scaleVolumeRise && mB < mA;
  return {
    detector: "negative_unit_economics", subject: feature, fired, severity: fired && mB! < 0 ? "critical" : "warning",
    signal: "Unit margin falling as volume rises",
    evidence: { volume_before: volA, volume_after: volB, volume_change: volChange, unit_margin_before_usd: mA, unit_margin_after_usd: mB },
  };
}

/** Technology churn: spend on models no feature has used recently (idle ≥ 14 days at period end). */
export function detectTechnologyChurn(
  models: readonly { model: string; cost: number; lastDay: string }[],
  periodEnd: string,
): Finding[] {
  const total = sumOf(models, (m) => m.cost);
  const end = Date.parse(periodEnd + "T00:00:00Z");
  return models.map((m) => {
    const idleDays = Math.floor((end - Date.parse(m.lastDay + "T00:00:00Z")) / 86_400_000) - 1;
    const share = total > 0 ? m.cost / total : 0;
    const fired = idleDays >= THRESHOLDS.churnIdleDays && share >= THRESHOLDS.churnSpendShare;
    return {
      detector: "technology_churn" as const, subject: m.model, fired, severity: "warning" as const,
      signal: "Spend on a model no feature has used recently",
      evidence: { cost_usd: m.cost, spend_share: share, last_used: m.lastDay, idle_days: idleDays },
    };
  });
}

/** Prompt-cache regression: the cache-hit share drops after the feature's model version changes (daily rows, oldest first). */
export function detectCacheRegression(feature: string, days: readonly { day: string; model: string; inputTokens: number; cachedTokens: number }[]): Finding {
  let best: Finding["evidence"] | null = null;
  let bestDrop = 0;
  for (let i = 1; i < days.length; i++) {
    if (days[i].model === days[i - 1].model) continue;
    const before = days.slice(Math.max(0, i - 7), i).filter((d) => d.model === days[i - 1].model);
    const after = days.slice(i, i + 7).filter((d) => d.model === days[i].model);
    const sb = sumOf(before, (d) => d.inputTokens), sa = sumOf(after, (d) => d.inputTokens);
    if (!sb || !sa) continue;
    const hb = sumOf(before, (d) => d.cachedTokens) / sb, ha = sumOf(after, (d) => d.cachedTokens) / sa;
    if (hb - ha > bestDrop) {
      bestDrop = hb - ha;
      best = { changed_on: days[i].day, model_before: days[i - 1].model, model_after: days[i].model, cache_share_before: hb, cache_share_after: ha };
    }
  }
  return {
    detector: "prompt_cache_regression", subject: feature, fired: bestDrop >= THRESHOLDS.cacheDropPoints, severity: "warning",
    signal: "Cache-hit share drops after a model version change",
    evidence: best ?? { changed_on: null, cache_share_before: null, cache_share_after: null },
  };
}

/** Streaming-abort gap: billed output tokens above delivered tokens (events that report delivery). */
export function detectAbortGap(feature: string, x: { streamedOutputTokens: number; deliveredOutputTokens: number; abortedEvents: number; events: number }): Finding {
  const gap = x.streamedOutputTokens - x.deliveredOutputTokens;
  const share = x.streamedOutputTokens > 0 ? gap / x.streamedOutputTokens : null;
  return {
    detector: "streaming_abort_gap", subject: feature, fired: share !== null && share >= THRESHOLDS.abortGapShare, severity: share !== null && share >= 0.3 ? "critical" : "warning",
    signal: "Billed output tokens above delivered tokens",
    evidence: { billed_output_tokens: x.streamedOutputTokens, delivered_output_tokens: x.deliveredOutputTokens, gap_tokens: gap, gap_share: share, aborted_events: x.abortedEvents },
  };
}
