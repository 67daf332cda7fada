import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import type { OverrideInput } from "./schemas";
import { startRestatement } from "./restate-events";

type Row = Awaited<ReturnType<ReturnType<typeof db>["priceOverride"]["findFirstOrThrow"]>>;

export function overrideJson(o: Row) {
  return {
    id: o.id,
    provider: o.provider,
    model: o.model,
    kind: o.kind,
    input_per_mtok_usd: o.inputPerMTokUsd?.toFixed() ?? null,
    output_per_mtok_usd: o.outputPerMTokUsd?.toFixed() ?? null,
    cached_input_per_mtok_usd: o.cachedInputPerMTokUsd?.toFixed() ?? null,
    cache_write_per_mtok_usd: o.cacheWritePerMTokUsd?.toFixed() ?? null,
    discount_percent: o.discountPercent?.toFixed() ?? null,
    service_tier: o.serviceTier,
    percent: o.percent?.toFixed() ?? null,
    unit_prices: (o.unitPrices as Record<string, string> | null) ?? null,
    per_hour_usd: o.perHourUsd?.toFixed() ?? null,
    allocation_rule: o.allocationRule,
    effective_from: o.effectiveFrom.toISOString(),
    effective_to: o.effectiveTo?.toISOString() ?? null,
    note: o.note,
    updated_at: o.updatedAt.toISOString(),
  };
}

function data(input: OverrideInput) {
  const rates = input.kind === "rates";
  const pct = input.kind === "markup" || input.kind === "margin";
  const time = input.kind === "time";
  return {
    serviceTier: input.service_tier,
    percent: pct ? (input.percent ?? null) : null,
    // per-unit prices of priced lines ride on rates, discount and markup rules
    unitPrices: !pct && !time && input.kind !== "no_catalog" && input.unit_prices ? input.unit_prices : Prisma.DbNull,
    perHourUsd: time ? (input.per_hour_usd ?? null) : null,
    allocationRule: time ? (input.allocation_rule ?? null) : null,
    provider: input.provider,
    model: input.model,
    kind: input.kind,
    inputPerMTokUsd: rates ? (input.input_per_mtok_usd ?? null) : null,
    outputPerMTokUsd: rates ? (input.output_per_mtok_usd ?? null) : null,
    cachedInputPerMTokUsd: rates ? (input.cached_input_per_mtok_usd ?? null) : null,
    cacheWritePerMTokUsd: rates ? (input.cache_write_per_mtok_usd ?? null) : null,
    discountPercent: input.kind === "discount" ? (input.discount_percent ?? null) : null,
    effectiveFrom: input.effective_from,
    effectiveTo: input.effective_to ?? null,
    note: input.note ?? null,
  };
}

export async function listOverrides(organizationId: string) {
  const rows = await db().priceOverride.findMany({
    where: { organizationId, deletedAt: null },
    orderBy: [{ model: "asc" }, { effectiveFrom: "desc" }],
    take: 500,
  });
  return rows.map(overrideJson);
}

type Window = { model: string; provider: string | null; from: Date; to: Date | null; kind?: string };

/** Saves the change, audits it, and restates past events when the change reaches back in time. */
async function afterChange(organizationId: string, actor: Actor, windows: Window[]) {
  const now = new Date();
  // a time-based rule prices endpoint hours, not events: nothing to restate
  const past = windows.filter((w) => w.from < now && w.kind !== "time");
  if (past.length === 0) return null;
  const from = new Date(Math.min(...past.map((w) => w.from.getTime())));
  const to = new Date(Math.min(now.getTime() + 1, Math.max(...past.map((w) => (w.to ?? now).getTime()))));
  const models = [...new Set(past.map((w) => w.model))];
  return startRestatement(organizationId, { models, from, to }, actor);
}

export async function createOverride(organizationId: string, input: OverrideInput, actor: Actor) {
  const row = await db().priceOverride.create({ data: { organizationId, ...data(input), createdById: actor.userId ?? null } });
  await writeAudit({
    organizationId,
    actor,
    action: "price_override.create",
    targetType: "price_override",
    targetId: row.id,
    after: overrideJson(row),
  });
  const job = await afterChange(organizationId, actor, [
    { model: row.model, provider: row.provider, from: row.effectiveFrom, to: row.effectiveTo, kind: row.kind },
  ]);
  return { override: overrideJson(row), job_id: job?.id ?? null };
}

export async function updateOverride(organizationId: string, id: string, input: OverrideInput, actor: Actor) {
  const before = await db().priceOverride.findFirst({ where: { id, organizationId, deletedAt: null } });
  if (!before) throw new AppError("not_found", "No such price override in this organisation.");
  const row = await db().priceOverride.update({
    where: { organizationId_id: { organizationId: organizationId, id: id } },
    data: data(input),
  });
  await writeAudit({
    organizationId,
    actor,
    action: "price_override.update",
    targetType: "price_override",
    targetId: id,
    before: overrideJson(before),
    after: overrideJson(row),
  });
  const job = await afterChange(organizationId, actor, [
    { model: before.model, provider: before.provider, from: before.effectiveFrom, to: before.effectiveTo, kind: before.kind },
    { model: row.model, provider: row.provider, from: row.effectiveFrom, to: row.effectiveTo, kind: row.kind },
  ]);
  return { override: overrideJson(row), job_id: job?.id ?? null };
}

export async function deleteOverride(organizationId: string, id: string, actor: Actor) {
  const before = await db().priceOverride.findFirst({ where: { id, organizationId, deletedAt: null } });
  if (!before) throw new AppError("not_found", "No such price override in this organisation.");
  await db().priceOverride.update({
    where: { organizationId_id: { organizationId: organizationId, id: id } },
    data: { deletedAt: new Date() },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "price_override.delete",
    targetType: "price_override",
    targetId: id,
    before: overrideJson(before),
  });
  const job = await afterChange(organizationId, actor, [
    { model: before.model, provider: before.provider, from: before.effectiveFrom, to: before.effectiveTo, kind: before.kind },
  ]);
  return { deleted: true, job_id: job?.id ?? null };
}

export async function overrideHistory(organizationId: string, limit = 100) {
  const rows = await db().auditLog.findMany({
    where: { organizationId, action: { startsWith: "price_override." } },
    orderBy: { at: "desc" },
    take: limit,
  });
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => !!x))];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actorUserId ? (email.get(r.actorUserId) ?? r.actorUserId) : r.actorApiKeyId ? `api key ${r.actorApiKeyId}` : "system",
    target_id: r.targetId,
    before: r.before,
    after: r.after,
  }));
}
