/**
 * Time-priced endpoints in a month's chargeback (decision 057). A self-hosted or provisioned
 * endpoint costs its price-book `time` rule's price per hour for every recorded running window,
 * whatever it served; that cost is allocated to the calls it served in the window (events of
 * its provider and model, by the rule's `tokens` or `requests`), and what no call carries is
 * idle, charged to the window's owner team (else `unallocated`) on its own line. Pure.
 *
 * A window is cut at the month's edges and wherever the rule in force changes; each piece is
 * priced once (rounded half-even to the picodollar) and split exactly (lib/pricing/time-prices).
 * Time with no rule in force is reported as unpriced hours, never charged at a guess.
 */
import type { Pico } from "../money";
import { allocateTimeCost, type TimeAllocationRule } from "../pricing/time-prices";
import { UNALLOCATED } from "../costs/schemas";

export type RunningWindow = { id: string; provider: string | null; model: string; startedAt: Date; endedAt: Date; team: string | null };
export type TimeRule = {
  id: string;
  provider: string | null;
  model: string;
  perHourUsd: string;
  allocationRule: TimeAllocationRule;
  effectiveFrom: Date;
  /** exclusive; null: open-ended */
  effectiveTo: Date | null;
};
/** A piece of a window priced by one rule: [from, to). */
export type TimeSegment = { window: RunningWindow; rule: TimeRule; from: Date; to: Date };
/** Calls an endpoint served in a segment, per team and feature. */
export type ServedGroup = { team: string; feature: string; tokens: bigint; requests: number };

/** An endpoint's month before rounding: exact picodollar shares per (team, feature) and idle per team. */
export type EndpointTimeInput = {
  endpoint: string;
  provider: string | null;
  model: string;
  /** the rule of the month's last priced piece (a rule change within the month is priced piece by piece) */
  allocationRule: TimeAllocationRule;
  /** priced running time and running time with no rule in force, ms */
  ms: bigint;
  unpricedMs: bigint;
  served: { team: string; feature: string; tokens: bigint; requests: number; pico: Pico }[];
  idle: { team: string; pico: Pico }[];
};

export const endpointName = (provider: string | null, model: string) => (provider ? `${provider}/${model}` : model);

function matches(rule: TimeRule, w: RunningWindow): boolean {
  if (rule.provider !== null && rule.provider !== w.provider) return false;
  return rule.model === w.model || (rule.model === "*" && rule.provider !== null);
}

/** Price-book precedence (decision 045): model named › "*"; a provider's › any provider's; then the latest start. */
function moreSpecific(a: TimeRule, b: TimeRule): boolean {
  const rank = (r: TimeRule) => [r.model === "*" ? 0 : 1, r.provider === null ? 0 : 1, r.effectiveFrom.getTime()];
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return a.id < b.id;
}

/** Cuts each window to [from, to) and at every change of the rule in force. */
export function timeSegments(
  windows: readonly RunningWindow[],
  rules: readonly TimeRule[],
  from: Date,
  to: Date,
): { segments: TimeSegment[]; unpriced: { window: RunningWindow; ms: bigint }[] } {
  const segments: TimeSegment[] = [];
  const unpriced: { window: RunningWindow; ms: bigint }[] = [];
  for (const w of windows) {
    const s = Math.max(w.startedAt.getTime(), from.getTime());
    const e = Math.min(w.endedAt.getTime(), to.getTime());
    if (s >= e) continue;
    const cands = rules.filter((r) => matches(r, w));
    const edges = cands.flatMap((r) => [r.effectiveFrom.getTime(), r.effectiveTo?.getTime() ?? Infinity]).filter((t) => t > s && t < e);
    const cuts = [...new Set([s, ...edges, e])].sort((a, b) => a - b);
    let none = 0n;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i], cuts[i + 1]];
      const best = cands
        .filter((r) => r.effectiveFrom.getTime() <= a && (r.effectiveTo === null || r.effectiveTo.getTime() > a))
        .reduce<TimeRule | null>((m, r) => (m === null || moreSpecific(r, m) ? r : m), null);
      const last = segments.at(-1);
      if (!best) none += BigInt(b - a);
      else if (last && last.window === w && last.rule === best && last.to.getTime() === a) last.to = new Date(b);
      else segments.push({ window: w, rule: best, from: new Date(a), to: new Date(b) });
    }
    if (none > 0n) unpriced.push({ window: w, ms: none });
  }
  return { segments, unpriced };
}

/** Prices every segment and allocates it to the calls it served; sums per endpoint. */
export function allocateEndpointTime(
  pieces: readonly { segment: TimeSegment; calls: readonly ServedGroup[] }[],
  unpriced: readonly { window: RunningWindow; ms: bigint }[] = [],
): EndpointTimeInput[] {
  type Acc = EndpointTimeInput & { byKey: Map<string, EndpointTimeInput["served"][number]>; idleBy: Map<string, Pico> };
  const out = new Map<string, Acc>();
  const entry = (w: RunningWindow, rule: TimeAllocationRule): Acc => {
    const name = endpointName(w.provider, w.model);
    const found = out.get(name);
    if (found) return found;
    const e: Acc = {
      endpoint: name,
      provider: w.provider,
      model: w.model,
      allocationRule: rule,
      ms: 0n,
      unpricedMs: 0n,
      served: [],
      idle: [],
      byKey: new Map(),
      idleBy: new Map(),
    };
    out.set(name, e);
    return e;
  };
  for (const { segment, calls } of pieces) {
    const e = entry(segment.window, segment.rule.allocationRule);
    e.allocationRule = segment.rule.allocationRule;
    const ms = BigInt(segment.to.getTime() - segment.from.getTime());
    e.ms += ms;
    const key = (c: { team: string; feature: string }) => `${c.team}\t${c.feature}`;
    const a = allocateTimeCost({
      perHourUsd: segment.rule.perHourUsd,
      ms,
      rule: segment.rule.allocationRule,
      calls: calls.map((c) => ({ key: key(c), tokens: c.tokens, requests: c.requests })),
    });
    for (const c of calls) {
      const s = e.byKey.get(key(c)) ?? { team: c.team, feature: c.feature, tokens: 0n, requests: 0, pico: 0n };
      s.tokens += c.tokens;
      s.requests += c.requests;
      s.pico += a.shares.get(key(c)) ?? 0n;
      e.byKey.set(key(c), s);
    }
    if (a.idlePico > 0n) {
      const team = segment.window.team ?? UNALLOCATED;
      e.idleBy.set(team, (e.idleBy.get(team) ?? 0n) + a.idlePico);
    }
  }
  for (const u of unpriced) entry(u.window, "tokens").unpricedMs += u.ms;
  return [...out.values()]
    .map(({ byKey, idleBy, ...e }) => ({
      ...e,
      served: [...byKey.values()].sort((x, y) => (x.team === y.team ? (x.feature < y.feature ? -1 : 1) : x.team < y.team ? -1 : 1)),
      idle: [...idleBy].sort(([x], [y]) => (x < y ? -1 : 1)).map(([team, pico]) => ({ team, pico })),
    }))
    .sort((x, y) => (x.endpoint < y.endpoint ? -1 : 1));
}
