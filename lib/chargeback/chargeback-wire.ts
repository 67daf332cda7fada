/**
 * The chargeback report on the wire (decision 052): money as six-decimal strings, snake_case.
 * `chargebackReportToWire` is the one mapping: the API answer, the MCP tool, the board report and
 * the snapshot a closed month keeps (ChargebackPeriod.snapshot, decision 037) all use it, so a
 * snapshot is exactly what the API answered at the close. `chargebackReportFromWire` reads a
 * snapshot back into typed values (a stored document's reviver, not a consumer parsing answers);
 * fields absent from old snapshots stay absent, so reading and writing one back is byte-identical.
 * Pure.
 */
import type { z } from "zod";
import { formatUsd6, parseUsd, type Pico } from "../money";
import type { CurrencyCode } from "../fx/rates";
import type { ChargebackReport, EndpointTimeBlock } from "./compute-chargeback";
import type { chargebackResponse } from "./schemas";

export type ChargebackWire = z.infer<typeof chargebackResponse>;
export type ChargebackReportWire = Omit<ChargebackWire, "mode" | "status" | "closed_at" | "reopened_at" | "late_arrivals">;

const usd = formatUsd6;
const opt = <K extends string>(key: K, p: Pico | undefined) => (p === undefined ? {} : ({ [key]: usd(p) } as Record<K, string>));
const optPico = <K extends string>(key: K, s: string | undefined) => (s === undefined ? {} : ({ [key]: parseUsd(s) } as Record<K, Pico>));
const nullable = (s: string | null) => (s === null ? null : parseUsd(s));

/** Hours as a decimal with six places, rounded half-up on the micro-hour (display; the arithmetic uses ms). */
export function hoursText(ms: bigint): string {
  const microHours = (ms * 1_000_000n + 1_800_000n) / 3_600_000n;
  return `${microHours / 1_000_000n}.${String(microHours % 1_000_000n).padStart(6, "0")}`;
}
function msOfHours(text: string): bigint {
  const [whole, frac = ""] = text.split(".");
  // one micro-hour is 3.6 ms; the hours are display figures (the money was charged from exact ms)
  return ((BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, "0").slice(0, 6))) * 3_600_000n) / 1_000_000n;
}

function endpointToWire(e: EndpointTimeBlock) {
  return {
    endpoint: e.endpoint,
    provider: e.provider,
    model: e.model,
    allocation_rule: e.allocationRule,
    hours: hoursText(e.ms),
    unpriced_hours: hoursText(e.unpricedMs),
    cost_usd: usd(e.costPico),
    idle_usd: usd(e.idlePico),
    idle: e.idle.map((i) => ({ team: i.team, amount_usd: usd(i.amountPico) })),
    by_feature: e.features.map((f) => ({
      team: f.team,
      feature: f.feature,
      requests: f.requests,
      tokens: f.tokens.toString(),
      amount_usd: usd(f.amountPico),
    })),
  };
}

export function chargebackReportToWire(r: ChargebackReport): ChargebackReportWire {
  const rep = r.reporting;
  return {
    month: r.month,
    events_usd: usd(r.eventsPico),
    fixed_costs_usd: usd(r.fixedCostsPico),
    ...opt("true_up_usd", r.trueUpPico),
    total_usd: usd(r.totalPico),
    ...opt("margin_usd", r.marginPico),
    ...opt("recharged_usd", r.rechargedPico),
    events: r.events,
    rows: r.rows.map((row) => ({
      team: row.team,
      direct_usd: usd(row.directPico),
      allocated_usd: usd(row.allocatedPico),
      total_usd: usd(row.totalPico),
      ...opt("true_up_usd", row.trueUpPico),
      ...opt("margin_usd", row.marginPico),
      ...opt("recharged_usd", row.rechargedPico),
      events: row.events,
      share: row.share,
      success_rate: row.successRate,
      correct_rate: row.correctRate,
      ter: row.ter,
      ter_previous: row.terPrevious,
      ter_change: row.terChange,
      ...(row.reporting
        ? {
            reporting: {
              direct: usd(row.reporting.direct),
              allocated: usd(row.reporting.allocated),
              true_up: usd(row.reporting.trueUp),
              total: usd(row.reporting.total),
            },
          }
        : {}),
    })),
    allocations: r.allocations.map((a) => ({ fixed_cost_id: a.fixedCostId, name: a.name, team: a.team, amount_usd: usd(a.amountPico) })),
    ...(r.endpointTime ? { endpoint_time: r.endpointTime.map(endpointToWire) } : {}),
    ...(rep
      ? {
          reporting: {
            currency: rep.currency,
            rate: rep.rate,
            rate_date: rep.rateDate,
            rate_note: rep.rateNote,
            events: rep.figures ? usd(rep.figures.events) : null,
            fixed_costs: rep.figures ? usd(rep.figures.fixedCosts) : null,
            true_up: rep.figures ? usd(rep.figures.trueUp) : null,
            total: rep.figures ? usd(rep.figures.total) : null,
          },
        }
      : {}),
  };
}

/** A closed month's stored snapshot (the wire form above, of any age) as typed values. */
export function chargebackReportFromWire(w: ChargebackReportWire): ChargebackReport {
  const rep = w.reporting;
  return {
    month: w.month,
    eventsPico: parseUsd(w.events_usd),
    fixedCostsPico: parseUsd(w.fixed_costs_usd),
    ...optPico("trueUpPico", w.true_up_usd),
    totalPico: parseUsd(w.total_usd),
    ...optPico("marginPico", w.margin_usd),
    ...optPico("rechargedPico", w.recharged_usd),
    events: w.events,
    rows: w.rows.map((row) => ({
      team: row.team,
      directPico: parseUsd(row.direct_usd),
      allocatedPico: parseUsd(row.allocated_usd),
      totalPico: parseUsd(row.total_usd),
      ...optPico("trueUpPico", row.true_up_usd),
      ...optPico("marginPico", row.margin_usd),
      ...optPico("rechargedPico", row.recharged_usd),
      events: row.events,
      share: row.share,
      successRate: row.success_rate,
      correctRate: row.correct_rate,
      ter: row.ter,
      terPrevious: row.ter_previous,
      terChange: row.ter_change,
      ...(row.reporting
        ? {
            reporting: {
              direct: parseUsd(row.reporting.direct),
              allocated: parseUsd(row.reporting.allocated),
              trueUp: parseUsd(row.reporting.true_up),
              total: parseUsd(row.reporting.total),
            },
          }
        : {}),
    })),
    allocations: w.allocations.map((a) => ({
      fixedCostId: a.fixed_cost_id,
      name: a.name,
      team: a.team,
      amountPico: parseUsd(a.amount_usd),
    })),
    ...(w.endpoint_time
      ? {
          endpointTime: w.endpoint_time.map((e) => ({
            endpoint: e.endpoint,
            provider: e.provider,
            model: e.model,
            allocationRule: e.allocation_rule,
            ms: msOfHours(e.hours),
            unpricedMs: msOfHours(e.unpriced_hours),
            costPico: parseUsd(e.cost_usd),
            idlePico: parseUsd(e.idle_usd),
            idle: e.idle.map((i) => ({ team: i.team, amountPico: parseUsd(i.amount_usd) })),
            features: e.by_feature.map((f) => ({
              team: f.team,
              feature: f.feature,
              requests: f.requests,
              tokens: BigInt(f.tokens),
              amountPico: parseUsd(f.amount_usd),
            })),
          })),
        }
      : {}),
    ...(rep
      ? {
          reporting: {
            currency: rep.currency as CurrencyCode,
            rate: rep.rate,
            rateDate: rep.rate_date,
            rateNote: rep.rate_note,
            figures:
              rep.events === null || rep.fixed_costs === null || rep.true_up === null || rep.total === null
                ? null
                : {
                    events: nullable(rep.events)!,
                    fixedCosts: nullable(rep.fixed_costs)!,
                    trueUp: nullable(rep.true_up)!,
                    total: nullable(rep.total)!,
                  },
          },
        }
      : {}),
  };
}
