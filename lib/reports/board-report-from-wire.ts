import { parseUsd, type Pico } from "../money";
import { chargebackReportFromWire } from "../chargeback/chargeback-wire";
import type { CpiFeature } from "../metrics/get-cost-per-interaction";
import type { TokenEfficiencyGroup } from "../metrics/get-token-efficiency";
import type { UnitEconomicsFeature } from "../metrics/get-unit-economics";
import type { Overview } from "../metrics/get-overview";
import { moverOf, type Mover } from "./movers";
import { reportCurrencyFromWire } from "./report-money";
import type { BoardReport, Section } from "./get-board-report";

/**
 * A board report document (its frozen wire form, decision 037) read back into typed values:
 * picodollars, Date, enums. The document components render only this (decision 058), for a
 * live month and a closed one alike, so both print the same text from the same figures.
 *
 * The document stays the record: its money has six decimals, so the typed values here have
 * micro-dollar precision (what the API answered and what the report always printed). Each
 * section has its reviver; a field added to the document later must be optional here, since
 * months closed before it do not carry it.
 */
const usd = (s: string): Pico => parseUsd(s);
const usdOrNull = (s: string | null | undefined): Pico | null => (s === null || s === undefined ? null : parseUsd(s));
const date = (s: string): Date => new Date(s);
const dateOrNull = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

function mapSection<W, T>(s: Section<W>, revive: (w: W) => T): Section<T> {
  return s.ok ? { ok: true, data: revive(s.data) } : s;
}

type Wire = BoardReport;
type Data<K extends keyof Wire> = Wire[K] extends Section<infer T> ? T : never;

/**
 * The chargeback section: the chargeback's own reader (lib/chargeback, the one that parses its
 * wire money) plus what only the board report's section carries: its mode, status and close.
 */
function chargebackFromWire(c: Data<"chargeback">) {
  return { ...chargebackReportFromWire(c), mode: c.mode, status: c.status, closedAt: dateOrNull(c.closed_at) };
}

function forecastFromWire(f: Data<"forecast">) {
  if (!f) return null;
  const s = f.same_days;
  const sameDays: Overview["monthToDate"] = {
    month: s.month,
    through: s.through,
    cost: usd(s.cost_usd),
    previousMonthSameDays: usd(s.previous_month_same_days_usd),
    previousMonthTotal: usd(s.previous_month_total_usd),
    change: s.change,
  };
  return {
    monthToDate: usd(f.month_to_date_usd),
    forecast: usd(f.forecast_usd),
    dailyLevel: usd(f.daily_level_usd),
    shaped: f.shaped,
    sameDays,
  };
}

function costPerInteractionFromWire(c: Data<"cost_per_interaction">) {
  return {
    percentileMethod: c.percentile_method,
    percentileRelativeError: c.percentile_relative_error,
    exactCutoffInteractions: c.exact_cutoff_interactions,
    features: c.features.map((f): CpiFeature => ({
      feature: f.feature,
      interactions: f.interactions,
      total: usd(f.total_cost_usd),
      mean: usdOrNull(f.mean_usd),
      p50: usdOrNull(f.p50_usd),
      p90: usdOrNull(f.p90_usd),
      p99: usdOrNull(f.p99_usd),
      max: usd(f.max_usd),
      threshold: usd(f.threshold_usd),
      review: f.review,
    })),
    reviewCount: c.review.length,
  };
}

function tokenEfficiencyFromWire(t: Data<"token_efficiency">) {
  return {
    groupBy: t.group_by,
    groups: t.groups.map((g): TokenEfficiencyGroup => ({
      key: String((g as Record<string, unknown>)[t.group_by] ?? ""),
      events: g.events,
      inputTokens: g.input_tokens,
      outputTokens: g.output_tokens,
      ter: g.ter,
      successRate: g.success_rate,
      correctRate: g.correct_rate,
      previousTer: g.previous_ter,
      previousCorrectRate: g.previous_correct_rate,
      rank: g.rank,
      rankNote: g.rank_note,
      totalCost: usd(g.total_cost_usd),
      correctOutputs: g.correct_outputs,
      costPerCorrectOutput: usdOrNull(g.cost_per_correct_output_usd),
      tasks: g.tasks,
      resolvedTasks: g.resolved_tasks,
      taskCost: usd(g.task_cost_usd),
      costPerResolvedTask: usdOrNull(g.cost_per_resolved_task_usd),
    })),
  };
}

function freemiumFromWire(f: Data<"freemium">) {
  return {
    asOf: f.as_of,
    tenants: f.tenants,
    trapped: f.trapped,
    trappedShare: f.trapped_share,
    predictedLtv: usd(f.predicted_ltv_usd),
    subsidy: { ratio: f.subsidy.ratio, freeTierCost: usd(f.subsidy.free_tier_cost_usd), paidRevenue: usd(f.subsidy.paid_revenue_usd) },
    list: f.list.map((x) => ({
      tenantId: x.tenant_id,
      cost30d: usd(x.cost_30d_usd),
      trapped: x.trapped,
      mainModel: x.main_model,
      action: x.action,
    })),
  };
}

function unitEconomicsFromWire(u: Data<"unit_economics">) {
  return u.features.map((f): UnitEconomicsFeature => ({
    feature: f.feature,
    unitOfValue: f.unit_of_value,
    units: f.units,
    inferenceCost: usd(f.inference_cost_usd),
    harnessCost: usd(f.harness_cost_usd),
    valuePerUnit: usdOrNull(f.value_per_unit_usd),
    valueMethod: f.value_method,
    inferencePerUnit: usdOrNull(f.inference_cost_per_unit_usd),
    harnessPerUnit: usdOrNull(f.harness_cost_per_unit_usd),
    totalPerUnit: usdOrNull(f.total_cost_per_unit_usd),
    successRate: f.success_rate,
    unitMargin: usdOrNull(f.unit_margin_usd),
    monthlyVolume: f.monthly_volume,
    monthlyFixedCosts: usd(f.monthly_fixed_costs_usd),
    monthlyProfit: usdOrNull(f.monthly_profit_usd),
    roiPercent: f.roi_percent,
    paybackMonths: f.payback_months,
  }));
}

/** A mover read back; `sentence` is the document's own text (in USD, from the exact amounts). */
export type RevivedMover = Mover & { sentence: string };

function moversFromWire(m: Data<"movers">) {
  return m.map((d) => ({
    dimension: d.dimension,
    // the kind by the reader's rule on the document's figures; the relative change as the document gives it (from exact amounts)
    movers: d.movers.map((x): RevivedMover => ({
      ...moverOf({ key: x.key, current: usd(x.current_usd), previous: usd(x.previous_usd) }),
      relative: x.relative,
      sentence: x.sentence,
    })),
  }));
}

function billingFromWire(b: Data<"billing">) {
  return {
    providers: b.providers.map((p) => ({
      provider: p.provider,
      invoiced: usd(p.invoiced_usd),
      attributed: usd(p.attributed_usd),
      gap: usd(p.gap_usd),
      gapShare: p.gap_share,
      largestDriver: p.largest_driver ? { label: p.largest_driver.label, amount: usd(p.largest_driver.amount_usd) } : null,
    })),
    commitments: b.commitments.map((c) => ({ name: c.name, status: c.status, warning: c.warning })),
    idleCapacity: b.idle_capacity.map((c) => ({
      name: c.name,
      idleCost: usd(c.idle_cost_usd),
      utilisation: c.utilisation,
      ownerTeam: c.owner_team,
    })),
  };
}

function opportunitiesFromWire(o: Data<"opportunities">) {
  return {
    window: o.window,
    top: o.top.map((x) => ({ id: x.id, title: x.title, ownerTeam: x.owner_team, monthlySaving: usd(x.monthly_saving_usd) })),
    decided: o.decided.map((d) => ({
      id: d.id,
      title: d.title,
      decidedAt: dateOrNull(d.decided_at),
      estimatedMonthlySaving: usd(d.estimated_monthly_saving_usd),
      realised:
        d.realised?.status === "measured"
          ? { status: "measured" as const, realised: usd(d.realised.realised_usd) }
          : d.realised?.status === "pending"
            ? { status: "pending" as const, measurableOn: d.realised.measurable_on }
            : null,
    })),
  };
}

function codingAgentsFromWire(a: Data<"coding_agents">) {
  return {
    seatCost: usd(a.seats_usd),
    usageCost: usd(a.usage_usd),
    total: usd(a.total_usd),
    people: a.people,
    seats: a.seats,
    unusedSeats: a.unused_seats,
    unusedSeatCost: usd(a.unused_seats_usd),
    outcomes: a.outcomes.map((o) => ({
      actor: o.actor,
      prs: o.prs,
      mergedPrs: o.merged_prs,
      ciRuns: o.ci_runs,
      ciCost: usd(o.ci_cost_usd),
      costPerCiRun: usdOrNull(o.cost_per_ci_run_usd),
      costPerMergedPr: usdOrNull(o.cost_per_merged_pr_usd),
    })),
    // the shift findings' evidence: dollars at display precision (lib/format EvidenceUnit "usd"), kept as numbers
    shifts: a.shifts.map((f) => ({
      subject: f.subject,
      severity: f.severity,
      signal: f.signal,
      compared: f.compared,
      weeklyCostBefore: f.weekly_cost_before,
      weeklyCostAfter: f.weekly_cost_after,
      volumeChange: f.volume_change,
      costPerRunBefore: f.cost_per_run_before,
      costPerRunAfter: f.cost_per_run_after,
      owner: f.owner,
      previousOwner: f.previous_owner,
      ownerShareBefore: f.owner_share_before,
      ownerShareAfter: f.owner_share_after,
    })),
  };
}

function shadowAiFromWire(s: Data<"shadow_ai">) {
  return {
    lastImportAt: dateOrNull(s.last_import_at),
    aiSpend: usd(s.ai_spend_usd),
    unsanctioned: usd(s.unsanctioned_usd),
    unsanctionedShare: s.unsanctioned_share,
    byDepartment: s.by_department.map((d) => ({ department: d.department, unsanctioned: usd(d.unsanctioned_usd) })),
  };
}

/** The board report, typed: what components/reports renders. */
export function boardReportFromWire(r: Wire) {
  return {
    organization: r.organization,
    month: r.month,
    period: r.period,
    complete: r.complete,
    generatedAt: date(r.generated_at),
    dataCutoff: date(r.data_cutoff),
    firstDataDay: r.first_data_day,
    /** the reporting currency and the month's rate (decision 058); USD for documents without one */
    currency: reportCurrencyFromWire(r.currency),
    chargeback: mapSection(r.chargeback, chargebackFromWire),
    trend: mapSection(r.trend, (t) =>
      t.map((m) => ({
        month: m.month,
        total: usd(m.total_usd),
        eventsCost: usd(m.events_usd),
        fixedCosts: usd(m.fixed_costs_usd),
        status: m.status,
        partial: m.partial,
      })),
    ),
    forecast: mapSection(r.forecast, forecastFromWire),
    costPerInteraction: mapSection(r.cost_per_interaction, costPerInteractionFromWire),
    tokenEfficiency: mapSection(r.token_efficiency, tokenEfficiencyFromWire),
    freemium: mapSection(r.freemium, freemiumFromWire),
    unitEconomics: mapSection(r.unit_economics, unitEconomicsFromWire),
    movers: mapSection(r.movers, moversFromWire),
    actions: mapSection(r.actions, (a) => ({ ...a, alerts: a.alerts.map((x) => ({ ...x, createdAt: date(x.createdAt) })) })),
    readiness: mapSection(r.readiness, (rows) =>
      rows.map((a) => ({ id: a.id, team: a.team, score: a.score, level: a.level, submittedAt: dateOrNull(a.submitted_at) })),
    ),
    billing: mapSection(r.billing, billingFromWire),
    unpriced: r.unpriced,
    opportunities: mapSection(r.opportunities, opportunitiesFromWire),
    codingAgents: mapSection(r.coding_agents, codingAgentsFromWire),
    shadowAi: mapSection(r.shadow_ai, shadowAiFromWire),
  };
}

export type BoardReportData = ReturnType<typeof boardReportFromWire>;
