import "server-only";
import type { Actor } from "../audit/actor";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import type { AllocationRule, CreateFixedCost } from "./schemas";

export type FixedCostDto = {
  id: string;
  name: string;
  category: string | null;
  amount_usd: string;
  period_start: string;
  period_end: string;
  allocation: AllocationRule;
  created_at: string;
};

type Row = {
  id: string;
  name: string;
  category: string | null;
  amountUsd: { toString(): string };
  periodStart: Date;
  periodEnd: Date;
  allocationRule: string;
  allocation: unknown;
  createdAt: Date;
};

export function toAllocationRule(rule: string, allocation: unknown): AllocationRule {
  const a = (allocation ?? {}) as Record<string, unknown>;
  if (rule === "percentages") return { rule, percentages: (a.percentages ?? a) as Record<string, string> };
  if (rule === "direct") return { rule, team: a.team as string | undefined, feature: a.feature as string | undefined };
  if (rule === "even") return { rule };
  return { rule: "proportional" };
}

export function fixedCostDto(r: Row): FixedCostDto {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    amount_usd: formatUsd6(parseUsd(r.amountUsd.toString())),
    period_start: r.periodStart.toISOString().slice(0, 10),
    period_end: r.periodEnd.toISOString().slice(0, 10),
    allocation: toAllocationRule(r.allocationRule, r.allocation),
    created_at: r.createdAt.toISOString(),
  };
}

export async function createFixedCost(organizationId: string, input: CreateFixedCost, actor: Actor): Promise<FixedCostDto> {
  const { rule, ...rest } = input.allocation;
  const row = await db().fixedCost.create({
    data: {
      organizationId,
      name: input.name,
      category: input.category ?? null,
      amountUsd: toDecimalString(parseUsd(input.amount_usd)),
      periodStart: new Date(`${input.period_start}T00:00:00Z`),
      periodEnd: new Date(`${input.period_end}T00:00:00Z`),
      allocationRule: rule,
      allocation: Object.keys(rest).length ? rest : undefined,
      createdById: actor.userId ?? null,
    },
  });
  const dto = fixedCostDto(row);
  await writeAudit({ organizationId, actor, action: "fixed_cost.create", targetType: "FixedCost", targetId: row.id, after: dto });
  return dto;
}

export async function listFixedCosts(organizationId: string, range?: { from: Date; to: Date }): Promise<FixedCostDto[]> {
  const rows = await db().fixedCost.findMany({
    where: {
      organizationId,
      deletedAt: null,
      ...(range ? { periodStart: { lt: range.to }, periodEnd: { gt: range.from } } : {}),
    },
    orderBy: [{ periodStart: "desc" }, { name: "asc" }],
    take: 500,
  });
  return rows.map(fixedCostDto);
}

export async function deleteFixedCost(organizationId: string, id: string, actor: Actor) {
  const row = await db().fixedCost.findFirst({ where: { id, organizationId, deletedAt: null } });
  if (!row) throw new AppError("not_found", "No such fixed cost (it may already be deleted).");
  await db().fixedCost.update({
    where: { organizationId_id: { organizationId: organizationId, id: id } },
    data: { deletedAt: new Date() },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "fixed_cost.delete",
    targetType: "FixedCost",
    targetId: id,
    before: fixedCostDto(row),
  });
  return { id, deleted: true };
}
