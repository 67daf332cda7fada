import "server-only";
import { db, dbRead, Prisma } from "../db";
import { formatUsd6, parseUsd, type Pico } from "../money";
import { amountInRange } from "../costs/spread-fixed-cost";
import { monthRange, previousMonth } from "../time";
import { toAllocationRule } from "../costs/manage-fixed-costs";
import { computeChargeback, type ChargebackReport } from "./compute-chargeback";
import { loadFeatureTeamCost, loadTeamUsage } from "./load-usage";
import { loadTrueUp } from "../billing/true-up";
import { capacityForMonth } from "../billing/get-contracts";
import { agentCostsForMonth } from "../coding-agents/get-coding-agents";
import { loadRateTable, readReportingCurrency } from "../fx/store";
import { USD } from "../fx/rates";
import { DAY_MS } from "../time";
import { readMargins } from "../pricing/margins";
import { loadEndpointTime } from "./load-endpoint-time";
import { chargebackReportFromWire, chargebackReportToWire, type ChargebackReportWire, type ChargebackWire } from "./chargeback-wire";

export type LateArrivals = {
  events: number;
  costPico: Pico;
  /** newest first, at most 50 */
  items: { eventId: string; timestamp: Date; receivedAt: Date; feature: string; team: string; costPico: Pico }[];
};

/** The chargeback of a month as typed values (decision 052): what domain code reads. */
export type ChargebackData = ChargebackReport & {
  mode: "showback" | "chargeback";
  status: "open" | "closed";
  closedAt: Date | null;
  reopenedAt: Date | null;
  /** closed months only: events for the month received after it was closed (not added) */
  lateArrivals: LateArrivals | null;
};
export type { ChargebackWire };
/** The chargeback on the wire (the API's answer; the board report keeps it as JSON). Domain code reads `ChargebackData`. */
export type Chargeback = ChargebackWire;

/** The live computation, ignoring any close (used by close-month to take the snapshot). */
export async function computeLiveChargeback(organizationId: string, month: string): Promise<ChargebackReport> {
  const { from, to } = monthRange(month);
  const prev = monthRange(previousMonth(month));
  const [usage, previousUsage, featureTeamCost, teams, features, fixed, trueUp, capacity, agents, reporting, margins, endpointTime] =
    await Promise.all([
      loadTeamUsage(organizationId, from, to),
      loadTeamUsage(organizationId, prev.from, prev.to),
      loadFeatureTeamCost(organizationId, from, to),
      db().team.findMany({ where: { organizationId }, select: { name: true } }),
      db().feature.findMany({ where: { organizationId }, select: { name: true, ownerTeam: true } }),
      db().fixedCost.findMany({
        where: { organizationId, deletedAt: null, periodStart: { lt: to }, periodEnd: { gt: from } },
        orderBy: { createdAt: "asc" },
      }),
      loadTrueUp(organizationId, month),
      capacityForMonth(organizationId, month),
      agentCostsForMonth(organizationId, month),
      reportingConversion(organizationId, from, to),
      readMargins(organizationId, month),
      loadEndpointTime(organizationId, from, to),
    ]);
  const marginByTeam = new Map<string, Pico>();
  for (const r of margins.rows) marginByTeam.set(r.team, (marginByTeam.get(r.team) ?? 0n) + r.marginPico);
  return computeChargeback({
    month,
    usage,
    previousUsage,
    knownTeams: teams.map((t) => t.name),
    featureOwner: new Map(features.map((f) => [f.name, f.ownerTeam])),
    featureTeamCost,
    fixedCosts: fixed
      .map((f) => ({
        id: f.id,
        name: f.name,
        amountPico: amountInRange(parseUsd(f.amountUsd.toString()), f.periodStart, f.periodEnd, from, to),
        allocation: toAllocationRule(f.allocationRule, f.allocation),
      }))
      .concat(
        // idle provisioned capacity (lib/billing): charged to the capacity's owner team
        capacity
          .filter((c) => c.idlePico > 0n)
          .map((c) => ({
            id: `capacity:${c.id}`,
            name: `Idle capacity: ${c.name}`,
            amountPico: c.idlePico,
            allocation: { rule: "direct" as const, team: c.owner_team },
          })),
      )
      .concat(
        // coding agents (lib/coding-agents): seats (fixed) and usage (variable) of each team's people;
        // unmapped people's cost lands on the unallocated row, never dropped
        agents.map((a) => ({
          id: `coding_agents:${a.kind}:${a.team}`,
          name: a.kind === "seat" ? `Coding agents — seats: ${a.team}` : `Coding agents — usage: ${a.team}`,
          amountPico: a.amountPico,
          allocation: { rule: "direct" as const, team: a.team },
        })),
      ),
    trueUp,
    reporting,
    marginByTeam,
    endpointTime,
  });
}

/**
 * The month's conversion to the reporting currency (decision 047): the rate in force on the
 * month's last day (the latest published on or before it), one rate for every figure of the
 * month. Null for USD. A month still running uses the latest rate so far; closing freezes it.
 */
async function reportingConversion(organizationId: string, from: Date, to: Date) {
  const currency = await readReportingCurrency(organizationId);
  if (currency === USD) return null;
  const rates = await loadRateTable(organizationId, from, to);
  const lastDay = new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10);
  return { currency, conversion: rates.conversion(USD, currency, lastDay) };
}

async function lateArrivals(organizationId: string, month: string, closedAt: Date): Promise<LateArrivals> {
  const { from, to } = monthRange(month);
  const where = Prisma.sql`"organizationId" = ${organizationId} AND "timestamp" >= ${from} AND "timestamp" < ${to} AND "receivedAt" > ${closedAt}`;
  const [agg] = await dbRead().$queryRaw<{ n: bigint; cost: string | null }[]>(
    Prisma.sql`SELECT COUNT(*)::bigint AS n, SUM("costUsd")::text AS cost FROM "CostEvent" WHERE ${where}`,
  );
  const items = await dbRead().$queryRaw<
    { eventId: string; timestamp: Date; receivedAt: Date; feature: string; team: string; cost: string }[]
  >(
    Prisma.sql`SELECT "eventId", "timestamp", "receivedAt", "feature", "team", "costUsd"::text AS cost FROM "CostEvent"
               WHERE ${where} ORDER BY "receivedAt" DESC LIMIT 50`,
  );
  return {
    events: Number(agg?.n ?? 0),
    costPico: parseUsd(agg?.cost ?? "0"),
    items: items.map((i) => ({
      eventId: i.eventId,
      timestamp: i.timestamp,
      receivedAt: i.receivedAt,
      feature: i.feature,
      team: i.team,
      costPico: parseUsd(i.cost),
    })),
  };
}

/**
 * The chargeback for a month ("YYYY-MM", UTC), typed — what the page, the CSV, the FOCUS export
 * and domain code read. A closed month answers its frozen snapshot (decision 037) plus late arrivals.
 */
export async function readChargeback(organizationId: string, month: string): Promise<ChargebackData> {
  const [org, period] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { chargebackMode: true } }),
    db().chargebackPeriod.findUnique({ where: { organizationId_month: { organizationId, month } } }),
  ]);
  const mode = org.chargebackMode === "CHARGEBACK" ? "chargeback" : "showback";
  if (period?.status === "closed" && period.snapshot && period.closedAt) {
    return {
      ...chargebackReportFromWire(period.snapshot as unknown as ChargebackReportWire),
      mode,
      status: "closed",
      closedAt: period.closedAt,
      reopenedAt: period.reopenedAt ?? null,
      lateArrivals: await lateArrivals(organizationId, month, period.closedAt),
    };
  }
  const live = await computeLiveChargeback(organizationId, month);
  return { ...live, mode, status: "open", closedAt: null, reopenedAt: period?.reopenedAt ?? null, lateArrivals: null };
}

/** GET /api/v1/reports/chargeback on the wire (chargebackResponse): the API, MCP and the board report's stored JSON. */
export function chargebackToWire(c: ChargebackData): ChargebackWire {
  const late = c.lateArrivals;
  return {
    ...chargebackReportToWire(c),
    mode: c.mode,
    status: c.status,
    closed_at: c.closedAt?.toISOString() ?? null,
    reopened_at: c.reopenedAt?.toISOString() ?? null,
    late_arrivals: late
      ? {
          events: late.events,
          cost_usd: formatUsd6(late.costPico),
          items: late.items.map((i) => ({
            event_id: i.eventId,
            timestamp: i.timestamp.toISOString(),
            received_at: i.receivedAt.toISOString(),
            feature: i.feature,
            team: i.team,
            cost_usd: formatUsd6(i.costPico),
          })),
        }
      : null,
  };
}

/** The route's reader: `chargebackToWire(await readChargeback(...))`. */
export async function getChargeback(organizationId: string, month: string): Promise<ChargebackWire> {
  return chargebackToWire(await readChargeback(organizationId, month));
}

/** Whether a month is closed, and when (pages that offer month-changing actions ask this). */
export async function monthStatus(organizationId: string, month: string): Promise<{ status: "open" | "closed"; closed_at: string | null }> {
  const p = await dbRead().chargebackPeriod.findUnique({
    where: { organizationId_month: { organizationId, month } },
    select: { status: true, closedAt: true },
  });
  return p?.status === "closed" ? { status: "closed", closed_at: p.closedAt?.toISOString() ?? null } : { status: "open", closed_at: null };
}
