import "server-only";
import type { Actor } from "../audit/actor";
import type { FeatureScopePrincipal } from "../auth/feature-scope";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import type { BudgetInput } from "./schemas";
import { evaluateBudgetList } from "./evaluate-budgets";
import { listTeams } from "../orgs/list-names";
import { budgetEditRefusal } from "./budget-scope";
import {
  budgetSettingsToWire,
  budgetStatusToWire,
  loadForecastRows,
  readBudgetUse,
  unitAmount,
  type BudgetRow,
  type BudgetStatus,
} from "./budget-status";

export { unitAmount, type BudgetStatus };

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

/** Who is saving (the route's principal): an engineering lead sets their own team's budgets only (budget-scope.ts). */
export type BudgetEditor = FeatureScopePrincipal;

/** 403 when `who` may not touch a budget on this scope. */
export async function assertMayEditBudget(organizationId: string, who: BudgetEditor | undefined, b: { scope: string; scopeRef: string }) {
  if (!who || who.apiKeyId || who.role !== "ENGINEERING_LEAD") return;
  const owner =
    b.scope === "feature"
      ? ((
          await db().feature.findUnique({
            where: { organizationId_name: { organizationId, name: b.scopeRef } },
            select: { ownerTeam: true },
          })
        )?.ownerTeam ?? null)
      : null;
  const refusal = budgetEditRefusal(who, b, owner);
  if (refusal) throw new AppError("forbidden", refusal);
}

/** Budgets with what each used in its window (and month-end forecast where there is one), typed. */
export async function readBudgets(organizationId: string, now = new Date()) {
  const budgets = await db().budget.findMany({ where: { organizationId }, orderBy: [{ scope: "asc" }, { scopeRef: "asc" }] });
  if (!budgets.length) return [];
  const rows = await loadForecastRows(organizationId, now);
  return Promise.all(budgets.map(async (b) => ({ budget: b, use: await readBudgetUse(organizationId, b, rows, now) })));
}

/** Budgets with month-to-date spend and month-end forecast (trend with day-of-week shape). */
export async function listBudgets(organizationId: string, now = new Date()): Promise<BudgetStatus[]> {
  return (await readBudgets(organizationId, now)).map((r) => budgetStatusToWire(r.budget, r.use, now));
}

/** A budget to save; unit and window default to USD over the calendar month. */
export type BudgetArgs = Omit<BudgetInput, "unit" | "window"> & Partial<Pick<BudgetInput, "unit" | "window">>;

const auditView = (b: BudgetRow) => ({
  scope: b.scope,
  scope_ref: b.scopeRef,
  unit: b.unit,
  window: b.window,
  limit: b.monthlyLimitUsd.toString(),
  mode: b.mode,
  thresholds: b.thresholds,
});

/**
 * Creates the budget for (scope, scope_ref, unit, window) or replaces its settings; with `id`,
 * changes that budget (its scope, unit and window too). `who` is the route's principal (an
 * engineering lead: their own team's budgets only, before and after the change).
 */
export async function upsertBudget(
  organizationId: string,
  args: BudgetArgs,
  actor: Actor,
  opts: { now?: Date; who?: BudgetEditor; id?: string } = {},
) {
  const now = opts.now ?? new Date();
  const input: BudgetInput = { ...args, unit: args.unit ?? "usd", window: args.window ?? "month" };
  await assertMayEditBudget(organizationId, opts.who, { scope: input.scope, scopeRef: input.scope_ref });
  await assertKnownScope(organizationId, input);
  const keyFields = { scope: input.scope, scopeRef: input.scope_ref, unit: input.unit, window: input.window };
  const key = { organizationId_scope_scopeRef_unit_window: { organizationId, ...keyFields } };
  const data = {
    // tokens and requests are held × 10^12 like picodollars: the limit "5000" tokens is stored as 5000
    monthlyLimitUsd: toDecimalString(parseUsd(input.limit ?? input.monthly_limit_usd ?? "0")),
    mode: input.mode,
    thresholds: [...new Set(input.thresholds)].sort((a, b) => a - b),
    fallbackModel: input.fallback_model || null,
  };
  let before: BudgetRow | null;
  let row: BudgetRow;
  if (opts.id) {
    before = await db().budget.findFirst({ where: { id: opts.id, organizationId } });
    if (!before) throw new AppError("not_found", "No such budget: it may have been deleted. Reload the page.");
    await assertMayEditBudget(organizationId, opts.who, before);
    const clash = await db().budget.findUnique({ where: key });
    if (clash && clash.id !== opts.id) {
      const message = `Another budget already counts ${input.unit} over this window for this scope: edit that one, or choose another unit or window.`;
      throw new AppError("conflict", message, [{ path: "window", message }]);
    }
    row = await db().budget.update({ where: { organizationId_id: { organizationId, id: opts.id } }, data: { ...keyFields, ...data } });
  } else {
    before = await db().budget.findUnique({ where: key });
    row = await db().budget.upsert({ where: key, create: { organizationId, ...keyFields, ...data }, update: data });
  }
  await writeAudit({
    organizationId,
    actor,
    action: before ? "budget.update" : "budget.create",
    targetType: "Budget",
    targetId: row.id,
    before: before ? auditView(before) : undefined,
    after: auditView(row),
  });
  onGuardrailRelevantWrite(organizationId);
  // thresholds already passed alert now, not at the next event
  await evaluateBudgetList(organizationId, [row], now);
  const use = await readBudgetUse(organizationId, row, await loadForecastRows(organizationId, now), now);
  return {
    ...budgetSettingsToWire(row),
    spent: unitAmount(row.unit, use.used),
    spent_usd: formatUsd6(use.used),
    used: use.usedRatio,
    thresholds_reached: use.thresholdsReached,
  };
}

export async function deleteBudget(organizationId: string, id: string, actor: Actor, who?: BudgetEditor) {
  const row = await db().budget.findFirst({ where: { id, organizationId } });
  if (!row) throw new AppError("not_found", "No such budget.");
  await assertMayEditBudget(organizationId, who, row);
  await db().budget.delete({ where: { organizationId_id: { organizationId: organizationId, id: id } } });
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
