/**
 * The chargeback report for one month from plain rows (docs/metrics.md "Chargeback"). Pure.
 *
 * Rounding rule (documented for finance): exact sums in picodollars; the direct column is
 * rounded to 6 decimals by largest remainder so that it adds up to the month's event cost
 * rounded half-even once; the allocated column likewise adds up to the month's fixed costs
 * rounded once; ties go to the team name in alphabetical order. total = direct + allocated
 * per row, so the rows add up exactly to events + fixed costs as shown in the header.
 * Typed (picodollars, rounded to micro-dollars): the wire form is chargeback-wire.ts, the CSV
 * chargeback-csv.ts (decision 052).
 */
import { divHalfEven, type Pico } from "../money";
import { conversionRate, describeConversion, type Conversion, type CurrencyCode } from "../fx/rates";
import { allocate, type AllocationContext } from "./allocate";
import { UNALLOCATED, type AllocationRule } from "../costs/schemas";
import { roundLargestRemainder } from "../money/largest-remainder";
import type { EndpointTimeInput } from "./endpoint-time";
import type { TimeAllocationRule } from "../pricing/time-prices";

const MICRO = 1_000_000n;

export type TeamUsage = {
  team: string;
  costPico: bigint;
  events: number;
  successes: number;
  correctTrue: number;
  correctSet: number;
  inputTokens: bigint;
  outputTokens: bigint;
};

export type FixedCostInMonth = { id: string; name: string; amountPico: bigint; allocation: AllocationRule };

export type ChargebackInput = {
  month: string;
  usage: TeamUsage[];
  previousUsage: TeamUsage[];
  knownTeams: string[];
  featureOwner: Map<string, string | null>;
  featureTeamCost: Map<string, Map<string, bigint>>;
  fixedCosts: FixedCostInMonth[];
  /**
   * Invoice true-up (lib/billing): invoice − attributed, a whole number of micro-dollars, may
   * be negative; allocated by the finance user's rule into its own column so that direct +
   * true-up adds up to the invoice.
   */
  trueUp?: { amountPico: bigint; allocation: AllocationRule } | null;
  /**
   * The organisation's reporting currency when it is not USD (decision 047), with the month's
   * conversion from USD (null when no rate is held for it): every money column is also given in it.
   */
  reporting?: { currency: CurrencyCode; conversion: Conversion | null } | null;
  /** internal margin per team (exact picodollars, CostEvent.marginUsd): shown apart from provider cost */
  marginByTeam?: Map<string, Pico>;
  /** time-priced endpoints of the month (decision 057), allocated to the calls they served */
  endpointTime?: EndpointTimeInput[];
};

/** A time-priced endpoint's month as charged (decision 057): what each team and feature carries, and the idle time. */
export type EndpointTimeBlock = {
  endpoint: string;
  provider: string | null;
  model: string;
  allocationRule: TimeAllocationRule;
  ms: bigint;
  unpricedMs: bigint;
  /** served + idle, as charged (micro-dollars) */
  costPico: Pico;
  idlePico: Pico;
  idle: { team: string; amountPico: Pico }[];
  features: { team: string; feature: string; tokens: bigint; requests: number; amountPico: Pico }[];
};

/** A chargeback's money in the reporting currency, picodollar-scaled units of it (rounded to six decimals). */
export type ReportingFigures = { direct: Pico; allocated: Pico; trueUp: Pico; total: Pico };
export type ReportingBlock = {
  currency: CurrencyCode;
  /** 1 USD = rate units (ten decimals for display; the arithmetic uses the stored rate exactly) */
  rate: string | null;
  rateDate: string | null;
  rateNote: string;
  /** null: no rate held */
  figures: { events: Pico; fixedCosts: Pico; trueUp: Pico; total: Pico } | null;
};

/**
 * One team's row. Money: picodollars, each column rounded to whole micro-dollars by largest
 * remainder (decision 009). `trueUpPico` is absent only in snapshots closed before true-ups existed.
 */
export type ChargebackRow = {
  team: string;
  directPico: Pico;
  allocatedPico: Pico;
  trueUpPico?: Pico;
  /** provider cost: direct + allocated + true-up */
  totalPico: Pico;
  /** internal margin on the team's events (price-book margin rules, decision 045); absent when the month has none */
  marginPico?: Pico;
  /** what the team is recharged: total + margin; absent when the month has no margin */
  rechargedPico?: Pico;
  events: number;
  /** total / month total, 0..1 (display only) */
  share: number | null;
  successRate: number | null;
  correctRate: number | null;
  ter: number | null;
  terPrevious: number | null;
  terChange: number | null;
  /** the row in the reporting currency when it is not USD (and a rate is held) */
  reporting?: ReportingFigures;
};

export type AllocationLine = { fixedCostId: string; name: string; team: string; amountPico: Pico };

export type ChargebackReport = {
  month: string;
  eventsPico: Pico;
  fixedCostsPico: Pico;
  /** invoice true-up of the month (0 without one); absent only in snapshots closed before true-ups existed */
  trueUpPico?: Pico;
  totalPico: Pico;
  /** the month's internal margin and provider cost + margin; absent when the month has none */
  marginPico?: Pico;
  rechargedPico?: Pico;
  events: number;
  rows: ChargebackRow[];
  /** one line per fixed cost and team it was allocated to; a team's lines add up to its allocatedPico (for FOCUS) */
  allocations: AllocationLine[];
  /** time-priced endpoints of the month (decision 057); absent when none ran */
  endpointTime?: EndpointTimeBlock[];
  /** present when the reporting currency is not USD (decision 047) */
  reporting?: ReportingBlock;
};

/**
 * Converts one money column (exact picodollars per team, all of one sign) to the reporting
 * currency: each team's figure converted once from its exact value and rounded to six decimals
 * by largest remainder, so the column adds up exactly to the column total converted and rounded
 * half-even once. Returns micro-units × 10^6 (pico of the reporting currency) per team.
 */
export function convertColumn(values: Map<string, bigint>, keys: string[], c: Pick<Conversion, "num" | "den">): Map<string, bigint> {
  const sign = [...values.values()].some((v) => v < 0n) ? -1n : 1n;
  const unit = c.den * MICRO;
  const parts = keys.map((key) => ({ key, value: (values.get(key) ?? 0n) * sign * c.num }));
  const exact = parts.reduce((s, p) => s + p.value, 0n);
  const rounded = roundLargestRemainder(parts, unit, divHalfEven(exact, unit) * unit);
  const out = new Map<string, bigint>();
  for (const [k, v] of rounded) out.set(k, (v / c.den) * sign);
  return out;
}

// ratios in answers: 6 decimals, so the CSV carries no float noise
const r6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const rate = (num: number, den: number) => (den > 0 ? r6(num / den) : null);
const ter = (u?: TeamUsage) => (u && u.inputTokens > 0n ? Number((u.outputTokens * 1_000_000n) / u.inputTokens) / 1_000_000 : null);
const micro = (p: bigint) => Number(p / MICRO);
const sumOf = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);

/** The fixed-cost lines a time-priced endpoint adds (decision 057): one per team it served, one per idle owner. */
const SERVED = "endpoint_time:";
const IDLE = "endpoint_idle:";
function endpointLines(e: EndpointTimeInput): FixedCostInMonth[] {
  const byTeam = new Map<string, bigint>();
  for (const s of e.served) byTeam.set(s.team, (byTeam.get(s.team) ?? 0n) + s.pico);
  const line = (prefix: string, name: string, team: string, amountPico: bigint): FixedCostInMonth => ({
    id: `${prefix}${e.endpoint}`,
    name,
    amountPico,
    allocation: { rule: "direct", team },
  });
  return [
    ...[...byTeam].map(([team, p]) => line(SERVED, `Endpoint time: ${e.endpoint}`, team, p)),
    ...e.idle.map((i) => line(IDLE, `Idle endpoint time: ${e.endpoint}`, i.team, i.pico)),
  ];
}

export function computeChargeback(input: ChargebackInput): ChargebackReport {
  const directByTeam = new Map<string, bigint>();
  const usageByTeam = new Map<string, TeamUsage>();
  for (const u of input.usage) {
    directByTeam.set(u.team, (directByTeam.get(u.team) ?? 0n) + u.costPico);
    usageByTeam.set(u.team, u);
  }
  const prevByTeam = new Map(input.previousUsage.map((u) => [u.team, u]));
  const ctx: AllocationContext = {
    directByTeam,
    knownTeams: input.knownTeams,
    featureOwner: input.featureOwner,
    featureTeamCost: input.featureTeamCost,
  };

  const allocatedByTeam = new Map<string, bigint>();
  const lines: { fc: FixedCostInMonth; team: string; amount: bigint }[] = [];
  const endpoints = input.endpointTime ?? [];
  for (const fc of [...input.fixedCosts, ...endpoints.flatMap(endpointLines)]) {
    for (const [team, amount] of allocate(fc.amountPico, fc.allocation, ctx)) {
      allocatedByTeam.set(team, (allocatedByTeam.get(team) ?? 0n) + amount);
      lines.push({ fc, team, amount });
    }
  }

  // true-up: split |amount| by the rule at pico precision, round to micro by largest
  // remainder to exactly |amount| (a micro multiple), then restore the sign
  const trueUpByTeam = new Map<string, bigint>();
  const tu = input.trueUp;
  if (tu && tu.amountPico !== 0n) {
    const sign = tu.amountPico < 0n ? -1n : 1n;
    const mag = tu.amountPico * sign;
    const split = allocate(mag, tu.allocation, ctx);
    const rounded = roundLargestRemainder(
      [...split].map(([key, value]) => ({ key, value })),
      MICRO,
      mag,
    );
    for (const [team, v] of rounded) trueUpByTeam.set(team, v * sign);
  }

  // internal margins (decision 045) are charged on top of provider cost and shown apart: a column
  // of their own, rounded like the others, present only in a month that has any
  const marginByTeam = new Map([...(input.marginByTeam ?? [])].filter(([, v]) => v !== 0n));
  const withMargin = marginByTeam.size > 0;

  const teams = new Set<string>([
    ...directByTeam.keys(),
    ...allocatedByTeam.keys(),
    ...trueUpByTeam.keys(),
    ...marginByTeam.keys(),
    UNALLOCATED,
  ]);
  const keys = [...teams];
  const column = (m: Map<string, bigint>) =>
    roundLargestRemainder(
      keys.map((key) => ({ key, value: m.get(key) ?? 0n })),
      MICRO,
    );
  const direct = column(directByTeam);
  const allocated = column(allocatedByTeam);
  const margin = column(marginByTeam);

  // allocation lines: each team's lines rounded by largest remainder to its allocated figure,
  // so they add up to allocatedPico (rounding each line on its own drifted by a micro-dollar
  // and the FOCUS export, built from these lines, drifted with it — issue 23 item 10)
  const lineMicro = new Map<number, bigint>();
  for (const team of allocatedByTeam.keys()) {
    const mine = lines.flatMap((l, i) => (l.team === team ? [{ key: String(i), value: l.amount }] : []));
    for (const [i, v] of roundLargestRemainder(mine, MICRO, allocated.get(team)!)) lineMicro.set(Number(i), v);
  }
  const allocations: AllocationLine[] = lines.map((l, i) => ({
    fixedCostId: l.fc.id,
    name: l.fc.name,
    team: l.team,
    amountPico: lineMicro.get(i)!,
  }));

  const directTotal = sumOf(direct);
  const allocatedTotal = sumOf(allocated);
  const trueUpTotal = sumOf(trueUpByTeam);
  const marginTotal = sumOf(margin);
  const grand = directTotal + allocatedTotal + trueUpTotal;

  // the reporting currency (decision 047): one conversion for the month, each column converted
  // once from its exact values, largest remainder so that the rows add up to the converted totals
  const conv = input.reporting?.conversion ?? null;
  const inReporting = conv
    ? {
        direct: convertColumn(directByTeam, keys, conv),
        allocated: convertColumn(allocatedByTeam, keys, conv),
        trueUp: convertColumn(trueUpByTeam, keys, conv),
      }
    : null;

  const rows: ChargebackRow[] = keys.map((team) => {
    const u = usageByTeam.get(team);
    const trueUpPico = trueUpByTeam.get(team) ?? 0n;
    const totalPico = direct.get(team)! + allocated.get(team)! + trueUpPico;
    const t = ter(u);
    const tp = ter(prevByTeam.get(team));
    return {
      team,
      directPico: direct.get(team)!,
      allocatedPico: allocated.get(team)!,
      trueUpPico,
      totalPico,
      ...(withMargin ? { marginPico: margin.get(team)!, rechargedPico: totalPico + margin.get(team)! } : {}),
      events: u?.events ?? 0,
      share: grand > 0n ? r6(micro(totalPico) / micro(grand)) : null,
      successRate: u ? rate(u.successes, u.events) : null,
      correctRate: u ? rate(u.correctTrue, u.correctSet) : null,
      ter: t,
      terPrevious: tp,
      terChange: t !== null && tp !== null ? r6(t - tp) : null,
      ...(inReporting
        ? {
            reporting: {
              direct: inReporting.direct.get(team)!,
              allocated: inReporting.allocated.get(team)!,
              trueUp: inReporting.trueUp.get(team)!,
              total: inReporting.direct.get(team)! + inReporting.allocated.get(team)! + inReporting.trueUp.get(team)!,
            },
          }
        : {}),
    };
  });
  // biggest first; the explicit unallocated row last
  rows.sort((a, b) => {
    if (a.team === UNALLOCATED) return 1;
    if (b.team === UNALLOCATED) return -1;
    if (a.totalPico !== b.totalPico) return b.totalPico > a.totalPico ? 1 : -1;
    return a.team.localeCompare(b.team);
  });

  return {
    month: input.month,
    eventsPico: directTotal,
    fixedCostsPico: allocatedTotal,
    trueUpPico: trueUpTotal,
    totalPico: grand,
    ...(withMargin ? { marginPico: marginTotal, rechargedPico: grand + marginTotal } : {}),
    events: input.usage.reduce((s, u) => s + u.events, 0),
    rows,
    allocations,
    ...(endpoints.length ? { endpointTime: endpointBlocks(endpoints, allocations) } : {}),
    ...(input.reporting
      ? {
          reporting: {
            currency: input.reporting.currency,
            rate: conv ? conversionRate(conv) : null,
            rateDate: conv?.rateDay ?? null,
            rateNote: conv
              ? `${describeConversion(conv)}: the rate in force on the month's last day, applied to every figure of the month`
              : `no USD/${input.reporting.currency} rate on or before the month's last day: import or enter rates under Settings → Currency`,
            figures: inReporting
              ? {
                  events: sumOf(inReporting.direct),
                  fixedCosts: sumOf(inReporting.allocated),
                  trueUp: sumOf(inReporting.trueUp),
                  total: sumOf(inReporting.direct) + sumOf(inReporting.allocated) + sumOf(inReporting.trueUp),
                }
              : null,
          },
        }
      : {}),
  };
}

/**
 * Each endpoint's figures as charged: a team's features rounded by largest remainder to the
 * team's (rounded) endpoint line, so the block adds up to the allocation lines and the column.
 */
function endpointBlocks(endpoints: EndpointTimeInput[], allocations: AllocationLine[]): EndpointTimeBlock[] {
  const lineOf = (id: string, team: string) => allocations.find((a) => a.fixedCostId === id && a.team === team)?.amountPico ?? 0n;
  return endpoints.map((e) => {
    const teams = [...new Set(e.served.map((s) => s.team))];
    const features = teams.flatMap((team) => {
      const mine = e.served.filter((s) => s.team === team);
      const target = lineOf(`${SERVED}${e.endpoint}`, team);
      const rounded = roundLargestRemainder(
        mine.map((s) => ({ key: s.feature, value: s.pico })),
        MICRO,
        target,
      );
      return mine.map((s) => ({ team, feature: s.feature, tokens: s.tokens, requests: s.requests, amountPico: rounded.get(s.feature)! }));
    });
    const idle = e.idle.map((i) => ({ team: i.team, amountPico: lineOf(`${IDLE}${e.endpoint}`, i.team) }));
    const servedPico = features.reduce((s, f) => s + f.amountPico, 0n);
    const idlePico = idle.reduce((s, i) => s + i.amountPico, 0n);
    return {
      endpoint: e.endpoint,
      provider: e.provider,
      model: e.model,
      allocationRule: e.allocationRule,
      ms: e.ms,
      unpricedMs: e.unpricedMs,
      costPico: servedPico + idlePico,
      idlePico,
      idle,
      features,
    };
  });
}
