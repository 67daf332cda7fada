import { addDays, DAY_MS } from "../time";
import type { EvidenceUnit, EvidenceValue } from "../format";
/**
 * Anti-pattern detectors (docs/metrics.md "Anti-pattern detectors"): pure functions over plain
 * rows. Each returns the signal in words, the evidence numbers with the unit of each, and
 * whether it fires. Thresholds are named constants: they are the product's opinion, shown in the UI.
 */
export type Finding = {
  detector:
    | "zombie_feature"
    | "agentic_loop"
    | "negative_unit_economics"
    | "technology_churn"
    | "prompt_cache_regression"
    | "streaming_abort_gap"
    // the seventh: lib/coding-agents/shift-detector.ts combineShift (a coding-agent line, not a feature)
    | "coding_agent_shift";
  subject: string; // feature or model
  fired: boolean;
  severity: "warning" | "critical";
  signal: string;
  evidence: Record<string, EvidenceValue>;
  /** the unit of each evidence value: the same keys as `evidence`, in the same order */
  evidence_units: Record<string, EvidenceUnit>;
};

/**
 * The evidence and its units, from the detector's table of units: every key the detector can
 * report has a unit (the type refuses a key without one), and `evidence_units` has exactly the
 * keys given (a detector may leave some out, e.g. no model change found).
 */
function withUnits<K extends string>(
  units: Record<K, EvidenceUnit>,
  evidence: Partial<Record<NoInfer<K>, EvidenceValue>>,
): Pick<Finding, "evidence" | "evidence_units"> {
  const keys = Object.keys(evidence) as K[];
  return { evidence: evidence as Record<K, EvidenceValue>, evidence_units: Object.fromEntries(keys.map((k) => [k, units[k]])) };
}

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
  compareWeeks: 2, // trend detectors compare the last 2 whole weeks with the 2 whole weeks before
  zombieMinUsers: 5, // … and need ≥ 5 weekly active users before to call a fall
  scaleMinUnits: 30, // … and ≥ 30 units in each window
  scaleMarginDrop: 0.05, // … and a unit-margin fall of ≥ 5 % (of its size) before calling it a fall
} as const;

const mondayOf = (day: string) => addDays(day, -((new Date(day + "T00:00:00Z").getUTCDay() + 6) % 7));

/**
 * The windows the trend detectors (zombie, negative unit economics) judge: whole ISO weeks
 * (Monday–Sunday, UTC) — the last `compareWeeks` whole weeks that end by the period's end ("after")
 * against the same number of whole weeks just before them ("before"). Equal lengths, so a
 * partial week never looks like a rise or a fall, and the verdict depends only on the week the
 * period ends in, never on where it starts (a 7-day and a 90-day view agree). The windows are
 * shown with every finding ("compared").
 */
export type Windows = { before: string[]; after: string[]; from: string; to: string; label: string };

export function trendWindows(to: string, weeks: number = THRESHOLDS.compareWeeks): Windows {
  const end = mondayOf(to); // `to` is exclusive: the week before its Monday is the last whole one
  const mondays = Array.from({ length: 2 * weeks }, (_, i) => addDays(end, -7 * (2 * weeks - i)));
  const before = mondays.slice(0, weeks),
    after = mondays.slice(weeks);
  return {
    before,
    after,
    from: before[0],
    to: end,
    label: `${before[0]} – ${addDays(after[0], -1)} vs ${after[0]} – ${addDays(end, -1)} (whole weeks)`,
  };
}

function change(before: number, after: number): number | null {
  return before > 0 ? (after - before) / before : null;
}

const sumOf = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

const ZOMBIE_UNITS = {
  compared: "text",
  weekly_users_before: "number",
  weekly_users_after: "number",
  user_change: "ratio",
  tokens_per_day_before: "number",
  tokens_per_day_after: "number",
  token_change: "ratio",
} as const;

/**
 * Zombie: tokens stable or rising while weekly active users fall (weekly rows keyed by the
 * week's Monday). Compares the windows of trendWindows: mean weekly active users and
 * tokens per day, equal lengths; needs ≥ zombieMinUsers weekly users before.
 */
export function detectZombie(
  feature: string,
  weeks: readonly { week: string; tokens: number; activeUsers: number }[],
  periodTo: string,
): Finding {
  const win = trendWindows(periodTo);
  const signal = "Tokens stable or rising while active users fall";
  const pick = (ws: string[]) => weeks.filter((r) => ws.includes(r.week));
  const a = pick(win.before),
    b = pick(win.after);
  const n = win.before.length;
  const usersBefore = sumOf(a, (r) => r.activeUsers) / n,
    usersAfter = sumOf(b, (r) => r.activeUsers) / n;
  const tokBefore = sumOf(a, (r) => r.tokens) / (7 * n),
    tokAfter = sumOf(b, (r) => r.tokens) / (7 * n);
  const userChange = change(usersBefore, usersAfter);
  const tokenChange = change(tokBefore, tokAfter);
  const fired =
    usersBefore >= THRESHOLDS.zombieMinUsers &&
    userChange !== null &&
    tokenChange !== null &&
    userChange <= -THRESHOLDS.zombieUserDrop &&
    tokenChange >= THRESHOLDS.zombieTokenFloor;
  return {
    detector: "zombie_feature",
    subject: feature,
    fired,
    severity: fired && userChange! <= -0.6 ? "critical" : "warning",
    signal,
    ...withUnits(ZOMBIE_UNITS, {
      compared: win.label,
      weekly_users_before: usersBefore,
      weekly_users_after: usersAfter,
      user_change: userChange,
      tokens_per_day_before: tokBefore,
      tokens_per_day_after: tokAfter,
      token_change: tokenChange,
    }),
  };
}

const LOOP_UNITS = {
  tokens_per_interaction: "number",
  design_tokens: "number",
  calls_per_interaction: "number",
  design_calls: "number",
  cost_cv: "ratio", // standard deviation ÷ mean of the cost per session
} as const;

/** Agentic loop: tokens or calls per interaction far above the design estimate, or a very uneven cost per session. */
export function detectAgenticLoop(
  feature: string,
  x: {
    interactions: number;
    events: number;
    tokens: number;
    designTokens: number | null;
    designCalls: number | null;
    costMean: number | null;
    costStddev: number | null;
  },
): Finding {
  const tokensPer = x.interactions > 0 ? x.tokens / x.interactions : null;
  const callsPer = x.interactions > 0 ? x.events / x.interactions : null;
  const tokMult = tokensPer !== null && x.designTokens ? tokensPer / x.designTokens : null;
  const callMult = callsPer !== null && x.designCalls ? callsPer / x.designCalls : null;
  const cv = x.costMean && x.costStddev !== null && x.costMean > 0 ? x.costStddev / x.costMean : null;
  const overDesign = (tokMult ?? 0) >= THRESHOLDS.loopDesignMultiple || (callMult ?? 0) >= THRESHOLDS.loopDesignMultiple;
  const uneven = (cv ?? 0) >= THRESHOLDS.loopCv;
  return {
    detector: "agentic_loop",
    subject: feature,
    fired: overDesign || uneven,
    severity: overDesign && uneven ? "critical" : "warning",
    signal: "Tokens or calls per interaction far above the design estimate; high variance of cost per session",
    ...withUnits(LOOP_UNITS, {
      tokens_per_interaction: tokensPer,
      design_tokens: x.designTokens,
      calls_per_interaction: callsPer,
      design_calls: x.designCalls,
      cost_cv: cv,
    }),
  };
}

const SCALE_UNITS = {
  compared: "text",
  units_per_day_before: "number",
  units_per_day_after: "number",
  volume_change: "ratio",
  unit_margin_before_usd: "usd",
  unit_margin_after_usd: "usd",
} as const;

/**
 * Negative unit economics at scale: unit margin falls as volume rises (weekly rows keyed by the
 * week's Monday). Same windows as the zombie detector; volume as units per day; fires only with
 * ≥ scaleMinUnits units in each window, a volume rise ≥ scaleVolumeRise and a margin fall of at
 * least scaleMarginDrop of its size (a change from $3.6157 to $3.6024 is noise, not a trend).
 */
export function detectNegativeUnitEconomics(
  feature: string,
  weeks: readonly { week: string; units: number; unitMargin: number | null }[],
  periodTo: string,
): Finding {
  const win = trendWindows(periodTo);
  const signal = "Unit margin falling as volume rises";
  const rows = weeks.filter((w) => w.unitMargin !== null && w.units > 0);
  const a = rows.filter((r) => win.before.includes(r.week)),
    b = rows.filter((r) => win.after.includes(r.week));
  const days = 7 * win.before.length;
  const volA = sumOf(a, (r) => r.units),
    volB = sumOf(b, (r) => r.units);
  const mA = volA > 0 ? sumOf(a, (r) => r.unitMargin! * r.units) / volA : null;
  const mB = volB > 0 ? sumOf(b, (r) => r.unitMargin! * r.units) / volB : null;
  const volChange = change(volA, volB);
  const marginFall = mA !== null && mB !== null ? mA - mB : null;
  const fired =
    volA >= THRESHOLDS.scaleMinUnits &&
    volB >= THRESHOLDS.scaleMinUnits &&
    volChange !== null &&
    volChange >= THRESHOLDS.scaleVolumeRise &&
    marginFall !== null &&
    marginFall > 0 &&
    marginFall >= THRESHOLDS.scaleMarginDrop * Math.abs(mA!);
  return {
    detector: "negative_unit_economics",
    subject: feature,
    fired,
    severity: fired && mB! < 0 ? "critical" : "warning",
    signal,
    ...withUnits(SCALE_UNITS, {
      compared: win.label,
      units_per_day_before: volA / days,
      units_per_day_after: volB / days,
      volume_change: volChange,
      unit_margin_before_usd: mA,
      unit_margin_after_usd: mB,
    }),
  };
}

const CHURN_UNITS = { cost_usd: "usd", spend_share: "ratio", last_used: "day", idle_days: "number" } as const;

/** Technology churn: spend on models no feature has used recently (idle ≥ 14 days at period end). */
export function detectTechnologyChurn(models: readonly { model: string; cost: number; lastDay: string }[], periodEnd: string): Finding[] {
  const total = sumOf(models, (m) => m.cost);
  const end = Date.parse(periodEnd + "T00:00:00Z");
  return models.map((m) => {
    const idleDays = Math.floor((end - Date.parse(m.lastDay + "T00:00:00Z")) / DAY_MS) - 1;
    const share = total > 0 ? m.cost / total : 0;
    const fired = idleDays >= THRESHOLDS.churnIdleDays && share >= THRESHOLDS.churnSpendShare;
    return {
      detector: "technology_churn" as const,
      subject: m.model,
      fired,
      severity: "warning" as const,
      signal: "Spend on a model no feature has used recently",
      ...withUnits(CHURN_UNITS, { cost_usd: m.cost, spend_share: share, last_used: m.lastDay, idle_days: idleDays }),
    };
  });
}

const CACHE_UNITS = {
  changed_on: "day",
  model_before: "text",
  model_after: "text",
  cache_share_before: "ratio",
  cache_share_after: "ratio",
} as const;

/** Prompt-cache regression: the cache-hit share drops after the feature's model version changes (daily rows, oldest first). */
export function detectCacheRegression(
  feature: string,
  days: readonly { day: string; model: string; inputTokens: number; cachedTokens: number }[],
): Finding {
  let best: Record<keyof typeof CACHE_UNITS, EvidenceValue> | null = null;
  let bestDrop = 0;
  for (let i = 1; i < days.length; i++) {
    if (days[i].model === days[i - 1].model) continue;
    const before = days.slice(Math.max(0, i - 7), i).filter((d) => d.model === days[i - 1].model);
    const after = days.slice(i, i + 7).filter((d) => d.model === days[i].model);
    const sb = sumOf(before, (d) => d.inputTokens),
      sa = sumOf(after, (d) => d.inputTokens);
    if (!sb || !sa) continue;
    const hb = sumOf(before, (d) => d.cachedTokens) / sb,
      ha = sumOf(after, (d) => d.cachedTokens) / sa;
    if (hb - ha > bestDrop) {
      bestDrop = hb - ha;
      best = {
        changed_on: days[i].day,
        model_before: days[i - 1].model,
        model_after: days[i].model,
        cache_share_before: hb,
        cache_share_after: ha,
      };
    }
  }
  return {
    detector: "prompt_cache_regression",
    subject: feature,
    fired: bestDrop >= THRESHOLDS.cacheDropPoints,
    severity: "warning",
    signal: "Cache-hit share drops after a model version change",
    ...withUnits(CACHE_UNITS, best ?? { changed_on: null, cache_share_before: null, cache_share_after: null }),
  };
}

const ABORT_UNITS = {
  billed_output_tokens: "number",
  delivered_output_tokens: "number",
  gap_tokens: "number",
  gap_share: "ratio",
  aborted_events: "number",
} as const;

/** Streaming-abort gap: billed output tokens above delivered tokens (events that report delivery). */
export function detectAbortGap(
  feature: string,
  x: { streamedOutputTokens: number; deliveredOutputTokens: number; abortedEvents: number; events: number },
): Finding {
  const gap = x.streamedOutputTokens - x.deliveredOutputTokens;
  const share = x.streamedOutputTokens > 0 ? gap / x.streamedOutputTokens : null;
  return {
    detector: "streaming_abort_gap",
    subject: feature,
    fired: share !== null && share >= THRESHOLDS.abortGapShare,
    severity: share !== null && share >= 0.3 ? "critical" : "warning",
    signal: "Billed output tokens above delivered tokens",
    ...withUnits(ABORT_UNITS, {
      billed_output_tokens: x.streamedOutputTokens,
      delivered_output_tokens: x.deliveredOutputTokens,
      gap_tokens: gap,
      gap_share: share,
      aborted_events: x.abortedEvents,
    }),
  };
}
