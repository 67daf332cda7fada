import "server-only";
import type { Actor } from "../audit/actor";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import { forecastMonthEnd, hasMonthForecast } from "./forecast";
import { thresholdsReached } from "./thresholds";
import { dailyForScope, loadDailySpend } from "./load-daily-spend";
import type { BudgetInput } from "./schemas";
import { DAY_MS } from "../time";
import { evaluateBudgetList } from "./evaluate-budgets";
import { listTeams } from "../orgs/list-names";
import { UNIT_SCALE, type BudgetUnit, type BudgetWindow } from "@spendline/guardrail-core";
import { budgetUsed } from "./budget-usage";

/** Refuses a team or feature name the organisation does not know, unless confirmed: a typo would never alert. */
async function assertKnownScope(organizationId: string, input: BudgetInput) {
  // tenants, users, models and environments may well budget ahead of their first event
  if ((input.scope !== "team" && input.scope !== "feature") || input.confirm_unknown) return;
  const known =
    input.scope === "team"
      ? await listTeams(organizationId)
      : (await db().feature.findMany({ where: { organizationId }, select: { name: true }, orderBy: { name: "asc" }, take: 1000 })).map(
          (f) => f.name,
        );
  if (known.includes(input.scope_ref)) return;
  const message = `“${input.scope_ref}” is not a known ${input.scope}${known.length ? ` (known: ${known.slice(0, 20).join(", ")})` : ""}. Check the spelling, or confirm to save a budget for a ${input.scope} that has sent no events yet.`;
  throw new AppError("validation_failed", message, [{ path: "scope_ref", message }]);
}

export type BudgetStatus = {
  id: string;
  scope: string;
  scope_ref: string;
  monthly_limit_usd: string;
  unit: BudgetUnit;
  window: BudgetWindow;
  limit: string;
  mode: string;
  thresholds: number[];
  fallback_model: string | null;
  month: string;
  spent: string;
  spent_usd: string;
  /** spent / limit, 0..n (display) */
  used: number;
  forecast_usd: string;
  forecast_used: number;
  thresholds_reached: number[];
};

/** Budgets with month-to-date spend and month-end forecast (trend with day-of-week shape). */
export async function listBudgets(organizationId: string, now = new Date()): Promise<BudgetStatus[]> {
  const budgets = await db().budget.findMany({ where: { organizationId }, orderBy: [{ scope: "asc" }, { scopeRef: "asc" }] });
  if (!budgets.length) return [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const rows = await loadDailySpend(organizationId, new Date(today - 35 * DAY_MS), new Date(today + DAY_MS));
  return Promise.all(
    budgets.map(async (b) => {
      const limit = parseUsd(b.monthlyLimitUsd.toString());
      // rolling windows, tokens, requests, and the per-call scopes: what the window used, no forecast
      const f = hasMonthForecast(b)
        ? forecastMonthEnd(dailyForScope(rows, b.scope, b.scopeRef), now)
        : { monthToDatePico: await budgetUsed(organizationId, b, now), forecastPico: null };
      const used = limit > 0n ? Number((f.monthToDatePico * 10_000n) / limit) / 10_000 : 0;
      const forecast = f.forecastPico ?? f.monthToDatePico;
      return {
        id: b.id,
        scope: b.scope,
        scope_ref: b.scopeRef,
        monthly_limit_usd: formatUsd6(limit),
        unit: b.unit as BudgetUnit,
        window: b.window as BudgetWindow,
        limit: unitAmount(b.unit, limit),
        mode: b.mode,
        thresholds: b.thresholds,
        fallback_model: b.fallbackModel,
        month: now.toISOString().slice(0, 7),
        spent: unitAmount(b.unit, f.monthToDatePico),
        spent_usd: formatUsd6(f.monthToDatePico),
        used,
        forecast_usd: formatUsd6(forecast),
        forecast_used: limit > 0n ? Number((forecast * 10_000n) / limit) / 10_000 : 0,
        thresholds_reached: thresholdsReached(f.monthToDatePico, limit, b.thresholds),
      };
    }),
  );
}

/** A limit or use in the budget's unit: USD with 6 decimals, or a whole count. */
export function unitAmount(unit: string, v: bigint): string {
  return unit === "usd" ? formatUsd6(v) : (v / UNIT_SCALE).toString();
}

/** A budget to save; unit and window default to USD over the calendar month. */
export type BudgetArgs = Omit<BudgetInput, "unit" | "window"> & Partial<Pick<BudgetInput, "unit" | "window">>;

export async function upsertBudget(organizationId: string, args: BudgetArgs, actor: Actor, now = new Date()) {
  const input: BudgetInput = { ...args, unit: args.unit ?? "usd", window: args.window ?? "month" };
  await assertKnownScope(organizationId, input);
  const key = {
    organizationId_scope_scopeRef_unit_window: {
      organizationId,
      scope: input.scope,
      scopeRef: input.scope_ref,
      unit: input.unit,
      window: input.window,
    },
  };
  const before = await db().budget.findUnique({ where: key });
  const data = {
    // tokens and requests are held × 10^12 like picodollars: the limit "5000" tokens is stored as 5000
    monthlyLimitUsd: toDecimalString(parseUsd(input.limit ?? input.monthly_limit_usd ?? "0")),
    mode: input.mode,
    thresholds: [...new Set(input.thresholds)].sort((a, b) => a - b),
    fallbackModel: input.fallback_model || null,
  };
  const row = await db().budget.upsert({
    where: key,
    create: { organizationId, scope: input.scope, scopeRef: input.scope_ref, unit: input.unit, window: input.window, ...data },
    update: data,
  });
  await writeAudit({
    organizationId,
    actor,
    action: before ? "budget.update" : "budget.create",
    targetType: "Budget",
    targetId: row.id,
    before: before ? { limit: before.monthlyLimitUsd.toString(), mode: before.mode, thresholds: before.thresholds } : undefined,
    after: {
      scope: row.scope,
      scope_ref: row.scopeRef,
      unit: row.unit,
      window: row.window,
      limit: row.monthlyLimitUsd.toString(),
      mode: row.mode,
      thresholds: row.thresholds,
    },
  });
  onGuardrailRelevantWrite(organizationId);
  // thresholds already passed alert now, not at the next event
  await evaluateBudgetList(organizationId, [row], now);
  const status = (await listBudgets(organizationId, now)).find((b) => b.id === row.id);
  return {
    used: status?.used ?? 0,
    spent_usd: status?.spent_usd ?? "0.000000",
    thresholds_reached: status?.thresholds_reached ?? [],
    id: row.id,
    scope: row.scope,
    scope_ref: row.scopeRef,
    monthly_limit_usd: formatUsd6(parseUsd(row.monthlyLimitUsd.toString())),
    unit: row.unit,
    window: row.window,
    limit: unitAmount(row.unit, parseUsd(row.monthlyLimitUsd.toString())),
    mode: row.mode,
    thresholds: row.thresholds,
    fallback_model: row.fallbackModel,
  };
}

export async function deleteBudget(organizationId: string, id: string, actor: Actor) {
  const row = await db().budget.findFirst({ where: { id, organizationId } });
  if (!row) throw new AppError("not_found", "No such budget.");
  await db().budget.delete({ where: { id } });
  await writeAudit({
    organizationId,
    actor,
    action: "budget.delete",
    targetType: "Budget",
    targetId: id,
    before: { scope: row.scope, scope_ref: row.scopeRef, limit: row.monthlyLimitUsd.toString() },
  });
  onGuardrailRelevantWrite(organizationId);
  return { id, deleted: true };
}
