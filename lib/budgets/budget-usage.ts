import "server-only";
import { WINDOW_SECONDS, type BudgetUnit, type BudgetWindow } from "@spendline/guardrail-core";
import { db, Prisma } from "../db";
import { sqlIdent } from "../db/ident";
import { parseUsd, toDecimalString } from "../money";
import { monthRange, utcMonth } from "../time";

/**
 * What a budget has used in its window, in its unit (picodollars, or tokens / requests × 10^12,
 * see UNIT_SCALE in packages/guardrail-core): one reader for alerts, the budgets page and
 * hard-budget lease grants (decision 049).
 *
 * - A calendar month on a dimension of the daily rollups (org, team, feature, model,
 *   environment) reads `DailyRollup`.
 * - A rolling window (24 h, 7 d, 30 d ending `now`), and any window on a tenant, a user or an
 *   API key, reads the raw events (`CostEvent`, by timestamp: indexed per tenant, user and key).
 * - Plus the open batch jobs submitted in the window whose attribution matches: what each
 *   estimate has not yet seen arrive as events (decision 056, `openBatchEstimate`).
 */
export type BudgetKey = { scope: string; scopeRef: string; unit: string; window: string };

export const BUDGET_SCOPES = ["org", "team", "feature", "model", "tenant", "user", "environment", "api_key"] as const;
export const BUDGET_UNITS: readonly BudgetUnit[] = ["usd", "tokens", "requests"];
export const BUDGET_WINDOWS: readonly BudgetWindow[] = ["month", "24h", "7d", "30d"];

type Column = "team" | "feature" | "model" | "environment" | "tenantId" | "userId" | "apiKeyId";
const ROLLUP_COLUMN: Record<string, Column> = { team: "team", feature: "feature", model: "model", environment: "environment" };
// BatchJob names its attribution columns as CostEvent does: one filter serves both
const EVENT_COLUMN: Record<string, Column> = { ...ROLLUP_COLUMN, tenant: "tenantId", user: "userId", api_key: "apiKeyId" };

/** [from, to) of the budget's window at `now`. */
export function budgetWindow(window: string, now: Date): { from: Date; to: Date } {
  if (window === "month" || !(window in WINDOW_SECONDS)) return monthRange(utcMonth(now));
  return { from: new Date(now.getTime() - WINDOW_SECONDS[window as BudgetWindow] * 1000), to: new Date(now.getTime() + 1) };
}

function eventMeasure(unit: string): Prisma.Sql {
  if (unit === "tokens") return Prisma.sql`("inputTokens" + "outputTokens")::numeric`;
  if (unit === "requests") return Prisma.sql`1::numeric`;
  return Prisma.sql`"costUsd"`;
}

function scopeFilter(b: BudgetKey, columns: Record<string, Column>, alias?: string): Prisma.Sql {
  if (b.scope === "org") return Prisma.empty;
  const col = columns[b.scope];
  if (!col) return Prisma.sql`AND FALSE`;
  return Prisma.sql`AND ${sqlIdent(col, alias)} = ${b.scopeRef}`;
}

type Tx = Pick<ReturnType<typeof db>, "$queryRaw">;

/** Used so far in the budget's window (unit scale): events, plus open batches' estimates not yet trued up. */
export async function budgetUsed(organizationId: string, b: BudgetKey, now = new Date(), tx: Tx = db()): Promise<bigint> {
  return (await eventsUsed(organizationId, b, now, tx)) + (await openBatchEstimate(organizationId, b, now, tx));
}

function batchEstimate(unit: string): Prisma.Sql {
  if (unit === "tokens") return Prisma.sql`(j."inputTokens" + j."outputTokens")::numeric`;
  if (unit === "requests") return Prisma.sql`j."requests"::numeric`;
  return Prisma.sql`j."costUsd"`;
}

/**
 * Open batch jobs submitted in the budget's window, matching its scope: each counts what its
 * estimate exceeds the events already arrived with its batch id, so estimate and events together
 * count max(estimate, arrived), never both; a closed batch counts its events only (decision 056).
 */
export async function openBatchEstimate(organizationId: string, b: BudgetKey, now = new Date(), tx: Tx = db()): Promise<bigint> {
  const { from, to } = budgetWindow(b.window, now);
  const [row] = await tx.$queryRaw<{ pending: string }[]>(Prisma.sql`
    SELECT COALESCE(SUM(GREATEST(${batchEstimate(b.unit)} - COALESCE(a.arrived, 0), 0)), 0)::text AS pending
    FROM "BatchJob" j
    -- the measure's bare column names resolve to the innermost FROM: the batch's events (e)
    LEFT JOIN LATERAL (
      SELECT SUM(${eventMeasure(b.unit)}) AS arrived FROM "CostEvent" e
      WHERE e."organizationId" = j."organizationId" AND e."batchId" = j."batchId"
    ) a ON TRUE
    WHERE j."organizationId" = ${organizationId} AND j.status = 'open'
      AND j."submittedAt" >= ${from}::timestamp(3) AND j."submittedAt" < ${to}::timestamp(3)
      ${scopeFilter(b, EVENT_COLUMN, "j")}`);
  return parseUsd(row.pending);
}

/** Events (or their daily rollups) in the budget's window (unit scale). */
async function eventsUsed(organizationId: string, b: BudgetKey, now: Date, tx: Tx): Promise<bigint> {
  const { from, to } = budgetWindow(b.window, now);
  if (b.window === "month" && (b.scope === "org" || b.scope in ROLLUP_COLUMN)) {
    const measure =
      b.unit === "tokens"
        ? Prisma.sql`("inputTokens" + "outputTokens")::numeric`
        : b.unit === "requests"
          ? Prisma.sql`"events"::numeric`
          : Prisma.sql`"costUsd"`;
    const [row] = await tx.$queryRaw<{ used: string }[]>(Prisma.sql`
      SELECT COALESCE(SUM(${measure}), 0)::text AS used FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date ${scopeFilter(b, ROLLUP_COLUMN)}`);
    return parseUsd(row.used);
  }
  const [row] = await tx.$queryRaw<{ used: string }[]>(Prisma.sql`
    SELECT COALESCE(SUM(${eventMeasure(b.unit)}), 0)::text AS used FROM "CostEvent"
    WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${from}::timestamp(3) AND "timestamp" < ${to}::timestamp(3)
      ${scopeFilter(b, EVENT_COLUMN)}`);
  return parseUsd(row.used);
}

/**
 * A budget short by `deficit` (unit scale): seconds until enough of its window's use ages out
 * (rolling windows: the oldest events leave first), or until the month ends. `fallbackSec`
 * when the events in the window cannot free that much (live leases hold the rest: they
 * expire within their TTL).
 */
export async function secondsUntilFreed(
  organizationId: string,
  b: BudgetKey,
  deficit: bigint,
  fallbackSec: number,
  now = new Date(),
  tx: Tx = db(),
): Promise<number> {
  const { from, to } = budgetWindow(b.window, now);
  if (b.window === "month" || !(b.window in WINDOW_SECONDS)) return Math.max(1, Math.ceil((to.getTime() - now.getTime()) / 1000));
  const [row] = await tx.$queryRaw<{ at: Date | null }[]>(Prisma.sql`
    SELECT "timestamp" AS at FROM (
      SELECT "timestamp", SUM(${eventMeasure(b.unit)}) OVER (ORDER BY "timestamp", "eventId") AS cum FROM "CostEvent"
      WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${from}::timestamp(3) AND "timestamp" < ${to}::timestamp(3)
        ${scopeFilter(b, EVENT_COLUMN)}
    ) w WHERE cum >= ${toDecimalString(deficit > 0n ? deficit : 0n)}::numeric ORDER BY "timestamp" LIMIT 1`);
  if (!row?.at) return Math.max(1, fallbackSec);
  const freedAt = new Date(row.at).getTime() + WINDOW_SECONDS[b.window as BudgetWindow] * 1000;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}

/** What the live leases of a budget hold (their used part once given back), unit scale. */
export async function liveLeased(
  organizationId: string,
  budgetId: string,
  now: Date,
  tx: Pick<ReturnType<typeof db>, "$queryRaw"> = db(),
): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ leased: string }[]>(Prisma.sql`
    SELECT COALESCE(SUM(COALESCE("usedUsd", "amountUsd")), 0)::text AS leased FROM "GuardrailLease"
      WHERE "organizationId" = ${organizationId} AND "budgetId" = ${budgetId} AND "expiresAt" > ${now}::timestamp(3)`);
  return parseUsd(row.leased);
}
