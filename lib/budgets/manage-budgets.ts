import "server-only";
import type { Actor } from "../auth/principal";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { onGuardrailRelevantWrite } from "../guardrails/invalidate";
import { forecastMonthEnd } from "./forecast";
import { thresholdsReached } from "./thresholds";
import { dailyForScope, loadDailySpend } from "./load-daily-spend";
import type { BudgetInput } from "./schemas";
import { DAY_MS } from "../time";
import { evaluateBudgetList } from "./evaluate-budgets";
import { listTeams } from "../orgs/list-names";

/** Refuses a team or feature name the organisation does not know, unless confirmed: a typo would never alert. */
async function assertKnownScope(organizationId: string, input: BudgetInput) {
  if (input.scope === "org" || input.confirm_unknown) return;
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
  mode: string;
  thresholds: number[];
  fallback_model: string | null;
  month: string;
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
  return budgets.map((b) => {
    const f = forecastMonthEnd(dailyForScope(rows, b.scope, b.scopeRef), now);
    const limit = parseUsd(b.monthlyLimitUsd.toString());
    const used = limit > 0n ? Number((f.monthToDatePico * 10_000n) / limit) / 10_000 : 0;
    return {
      id: b.id,
      scope: b.scope,
      scope_ref: b.scopeRef,
      monthly_limit_usd: formatUsd6(limit),
      mode: b.mode,
      thresholds: b.thresholds,
      fallback_model: b.fallbackModel,
      month: now.toISOString().slice(0, 7),
      spent_usd: formatUsd6(f.monthToDatePico),
      used,
      forecast_usd: formatUsd6(f.forecastPico),
      forecast_used: limit > 0n ? Number((f.forecastPico * 10_000n) / limit) / 10_000 : 0,
      thresholds_reached: thresholdsReached(f.monthToDatePico, limit, b.thresholds),
    };
  });
}

export async function upsertBudget(organizationId: string, input: BudgetInput, actor: Actor, now = new Date()) {
  await assertKnownScope(organizationId, input);
  const key = { organizationId_scope_scopeRef: { organizationId, scope: input.scope, scopeRef: input.scope_ref } };
  const before = await db().budget.findUnique({ where: key });
  const data = {
    monthlyLimitUsd: toDecimalString(parseUsd(input.monthly_limit_usd)),
    mode: input.mode,
    thresholds: [...new Set(input.thresholds)].sort((a, b) => a - b),
    fallbackModel: input.fallback_model || null,
  };
  const row = await db().budget.upsert({
    where: key,
    create: { organizationId, scope: input.scope, scopeRef: input.scope_ref, ...data },
    update: data,
  });
  await writeAudit({
    organizationId,
    actor,
    action: before ? "budget.update" : "budget.create",
    targetType: "Budget",
    targetId: row.id,
    before: before ? { limit: before.monthlyLimitUsd.toString(), mode: before.mode, thresholds: before.thresholds } : undefined,
    after: { scope: row.scope, scope_ref: row.scopeRef, limit: row.monthlyLimitUsd.toString(), mode: row.mode, thresholds: row.thresholds },
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
