/**
 * The chargeback report for one month from plain rows (docs/metrics.md "Chargeback"). Pure.
 *
 * Rounding rule (documented for finance): exact sums in picodollars; the direct column is
 * rounded to 6 decimals by largest remainder so that it adds up to the month's event cost
 * rounded half-even once; the allocated column likewise adds up to the month's fixed costs
 * rounded once; ties go to the team name in alphabetical order. total = direct + allocated
 * per row, so the rows add up exactly to events + fixed costs as shown in the header.
 */
import { csvFromTable } from "../csv/to-csv";
import { divHalfEven, formatUsd6 } from "../money";
import { conversionRate, describeConversion, type Conversion, type CurrencyCode } from "../fx/rates";
import { allocate, type AllocationContext } from "./allocate";
import { UNALLOCATED, type AllocationRule } from "../costs/schemas";
import { roundLargestRemainder } from "../money/largest-remainder";

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
};

/** A chargeback's money in the reporting currency, six decimals (null figures: no rate). */
export type ReportingFigures = { direct: string; allocated: string; true_up: string; total: string };
export type ReportingBlock = {
  currency: CurrencyCode;
  /** 1 USD = rate units (ten decimals for display; the arithmetic uses the stored rate exactly) */
  rate: string | null;
  rate_date: string | null;
  rate_note: string;
  events: string | null;
  fixed_costs: string | null;
  true_up: string | null;
  total: string | null;
};

export type ChargebackRow = {
  team: string;
  direct_usd: string;
  allocated_usd: string;
  total_usd: string;
  /** invoice true-up allocated to the team ("0.000000" without a true-up) */
  true_up_usd: string;
  events: number;
  /** total / month total, 0..1 (display only) */
  share: number | null;
  success_rate: number | null;
  correct_rate: number | null;
  ter: number | null;
  ter_previous: number | null;
  ter_change: number | null;
  /** the row in the reporting currency when it is not USD (and a rate is held) */
  reporting?: ReportingFigures;
};

export type ChargebackReport = {
  month: string;
  events_usd: string;
  fixed_costs_usd: string;
  /** invoice true-up of the month (0 without one); total = events + fixed costs + true-up */
  true_up_usd: string;
  total_usd: string;
  events: number;
  rows: ChargebackRow[];
  /** one line per fixed cost and team it was allocated to; a team's lines add up to its allocated_usd (for FOCUS) */
  allocations: { fixed_cost_id: string; name: string; team: string; amount_usd: string }[];
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
  for (const fc of input.fixedCosts) {
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

  const teams = new Set<string>([...directByTeam.keys(), ...allocatedByTeam.keys(), ...trueUpByTeam.keys(), UNALLOCATED]);
  const keys = [...teams];
  const direct = roundLargestRemainder(
    keys.map((key) => ({ key, value: directByTeam.get(key) ?? 0n })),
    MICRO,
  );
  const allocated = roundLargestRemainder(
    keys.map((key) => ({ key, value: allocatedByTeam.get(key) ?? 0n })),
    MICRO,
  );

  // allocation lines: each team's lines rounded by largest remainder to its allocated figure,
  // so they add up to allocated_usd (rounding each line on its own drifted by a micro-dollar
  // and the FOCUS export, built from these lines, drifted with it — issue 23 item 10)
  const lineMicro = new Map<number, bigint>();
  for (const team of allocatedByTeam.keys()) {
    const mine = lines.flatMap((l, i) => (l.team === team ? [{ key: String(i), value: l.amount }] : []));
    for (const [i, v] of roundLargestRemainder(mine, MICRO, allocated.get(team)!)) lineMicro.set(Number(i), v);
  }
  const allocations: ChargebackReport["allocations"] = lines.map((l, i) => ({
    fixed_cost_id: l.fc.id,
    name: l.fc.name,
    team: l.team,
    amount_usd: formatUsd6(lineMicro.get(i)!),
  }));

  let directTotal = 0n;
  let allocatedTotal = 0n;
  for (const k of keys) {
    directTotal += direct.get(k)!;
    allocatedTotal += allocated.get(k)!;
  }
  const trueUpTotal = [...trueUpByTeam.values()].reduce((a, b) => a + b, 0n);
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
  const colTotal = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);

  const rows: ChargebackRow[] = keys.map((team) => {
    const u = usageByTeam.get(team);
    const trueUp = trueUpByTeam.get(team) ?? 0n;
    const total = direct.get(team)! + allocated.get(team)! + trueUp;
    const t = ter(u);
    const tp = ter(prevByTeam.get(team));
    return {
      team,
      direct_usd: formatUsd6(direct.get(team)!),
      allocated_usd: formatUsd6(allocated.get(team)!),
      total_usd: formatUsd6(total),
      true_up_usd: formatUsd6(trueUp),
      events: u?.events ?? 0,
      share: grand > 0n ? r6(micro(total) / micro(grand)) : null,
      success_rate: u ? rate(u.successes, u.events) : null,
      correct_rate: u ? rate(u.correctTrue, u.correctSet) : null,
      ter: t,
      ter_previous: tp,
      ter_change: t !== null && tp !== null ? r6(t - tp) : null,
      ...(inReporting
        ? {
            reporting: {
              direct: formatUsd6(inReporting.direct.get(team)!),
              allocated: formatUsd6(inReporting.allocated.get(team)!),
              true_up: formatUsd6(inReporting.trueUp.get(team)!),
              total: formatUsd6(inReporting.direct.get(team)! + inReporting.allocated.get(team)! + inReporting.trueUp.get(team)!),
            },
          }
        : {}),
    };
  });
  // biggest first; the explicit unallocated row last
  rows.sort((a, b) => {
    if (a.team === UNALLOCATED) return 1;
    if (b.team === UNALLOCATED) return -1;
    const d = Number(BigInt(b.total_usd.replace(".", "")) - BigInt(a.total_usd.replace(".", "")));
    return d !== 0 ? d : a.team.localeCompare(b.team);
  });

  return {
    month: input.month,
    events_usd: formatUsd6(directTotal),
    fixed_costs_usd: formatUsd6(allocatedTotal),
    true_up_usd: formatUsd6(trueUpTotal),
    total_usd: formatUsd6(grand),
    events: input.usage.reduce((s, u) => s + u.events, 0),
    rows,
    allocations,
    ...(input.reporting
      ? {
          reporting: {
            currency: input.reporting.currency,
            rate: conv ? conversionRate(conv) : null,
            rate_date: conv?.rateDay ?? null,
            rate_note: conv
              ? `${describeConversion(conv)}: the rate in force on the month's last day, applied to every figure of the month`
              : `no USD/${input.reporting.currency} rate on or before the month's last day: import or enter rates under Settings → Currency`,
            events: inReporting ? formatUsd6(colTotal(inReporting.direct)) : null,
            fixed_costs: inReporting ? formatUsd6(colTotal(inReporting.allocated)) : null,
            true_up: inReporting ? formatUsd6(colTotal(inReporting.trueUp)) : null,
            total: inReporting
              ? formatUsd6(colTotal(inReporting.direct) + colTotal(inReporting.allocated) + colTotal(inReporting.trueUp))
              : null,
          },
        }
      : {}),
  };
}

const CSV_COLUMNS = [
  "team",
  "direct_usd",
  "allocated_usd",
  "total_usd",
  "events",
  "share",
  "success_rate",
  "correct_rate",
  "ter",
  "ter_change",
] as const;

export function chargebackCsv(report: ChargebackReport): string {
  // the true_up_usd column appears only in a month that has an invoice true-up
  const withTrueUp = !!report.true_up_usd && report.true_up_usd !== "0.000000";
  const cols: readonly (keyof ChargebackRow)[] = withTrueUp
    ? [...CSV_COLUMNS.slice(0, 3), "true_up_usd", ...CSV_COLUMNS.slice(3)]
    : CSV_COLUMNS;
  const totals: Record<string, string | number> = {
    team: "total",
    direct_usd: report.events_usd,
    allocated_usd: report.fixed_costs_usd,
    true_up_usd: report.true_up_usd,
    total_usd: report.total_usd,
    events: report.events,
    share: "1",
  };
  const rep = report.reporting;
  if (!rep?.rate) return csvFromTable(cols, [...report.rows.map((r) => cols.map((c) => r[c])), cols.map((c) => totals[c] ?? "")]);
  // in a reporting currency other than USD: its columns, then the rate and its date on every line
  const ccy = rep.currency.toLowerCase();
  const extra = [`direct_${ccy}`, `allocated_${ccy}`, ...(withTrueUp ? [`true_up_${ccy}`] : []), `total_${ccy}`, "rate", "rate_date"];
  const extraOf = (f: ReportingFigures | undefined) => [
    f?.direct ?? "",
    f?.allocated ?? "",
    ...(withTrueUp ? [f?.true_up ?? ""] : []),
    f?.total ?? "",
    rep.rate,
    rep.rate_date,
  ];
  const totalFigures = { direct: rep.events!, allocated: rep.fixed_costs!, true_up: rep.true_up!, total: rep.total! };
  return csvFromTable(
    [...cols, ...extra],
    [
      ...report.rows.map((r) => [...cols.map((c) => r[c] as string | number | null), ...extraOf(r.reporting)]),
      [...cols.map((c) => totals[c] ?? ""), ...extraOf(totalFigures)],
    ],
  );
}
