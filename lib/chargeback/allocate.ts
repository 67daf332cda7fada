/**
 * Allocation rules for fixed and shared costs (docs/metrics.md "Chargeback"): proportional to direct
 * cost, even split, fixed percentages, or direct to one team or feature. Every rule returns
 * pico amounts per team that add up exactly to the amount; what a rule cannot place goes to
 * the explicit `unallocated` row. Pure.
 */
import { UNALLOCATED, type AllocationRule } from "../costs/schemas";
import { parseUsd } from "../money";
import { splitByWeights } from "../money/largest-remainder";

export type AllocationContext = {
  /** direct cost per team in the month (pico); `unallocated` may be present and is never a target */
  directByTeam: Map<string, bigint>;
  /** the organisation's teams (Team rows) — even split also covers teams without cost */
  knownTeams: string[];
  /** feature → owning team (Feature.ownerTeam) */
  featureOwner: Map<string, string | null>;
  /** feature → team → direct cost in the month: a feature without owner is split by usage */
  featureTeamCost: Map<string, Map<string, bigint>>;
};

function only(team: string, amount: bigint) {
  return new Map([[team, amount]]);
}

export function allocate(amount: bigint, rule: AllocationRule, ctx: AllocationContext): Map<string, bigint> {
  if (amount === 0n) return new Map();
  switch (rule.rule) {
    case "proportional": {
      const w = [...ctx.directByTeam].filter(([t, c]) => t !== UNALLOCATED && c > 0n).map(([key, value]) => ({ key, value }));
      return w.length ? splitByWeights(amount, w) : only(UNALLOCATED, amount);
    }
    case "even": {
      const teams = new Set([...ctx.knownTeams, ...[...ctx.directByTeam].filter(([, c]) => c > 0n).map(([t]) => t)]);
      teams.delete(UNALLOCATED);
      return teams.size
        ? splitByWeights(
            amount,
            [...teams].map((key) => ({ key, value: 1n })),
          )
        : only(UNALLOCATED, amount);
    }
    case "percentages": {
      // percentages as exact decimals (pico scale); what is left of 100 % stays unallocated
      const w = Object.entries(rule.percentages).map(([key, pct]) => ({ key, value: parseUsd(pct) }));
      const rest = parseUsd("100") - w.reduce((s, x) => s + x.value, 0n);
      if (rest < 0n) throw new RangeError("percentages add up to more than 100");
      if (rest > 0n) w.push({ key: UNALLOCATED, value: rest });
      const out = splitByWeights(amount, w);
      return out;
    }
    case "direct": {
      if (rule.team) return only(rule.team, amount);
      if (rule.feature) {
        const owner = ctx.featureOwner.get(rule.feature);
        if (owner) return only(owner, amount);
        const usage = [...(ctx.featureTeamCost.get(rule.feature) ?? new Map<string, bigint>())]
          .filter(([t, c]) => t !== UNALLOCATED && c > 0n)
          .map(([key, value]) => ({ key, value }));
        return usage.length ? splitByWeights(amount, usage) : only(UNALLOCATED, amount);
      }
      return only(UNALLOCATED, amount);
    }
  }
}
