import "server-only";
import type { Actor } from "../audit/actor";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import type { Member } from "../auth/session";
import { upsertBudget } from "../budgets/manage-budgets";
import { budgetSchema } from "../budgets/schemas";
import { db, Prisma } from "../db";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import { upsertPolicy } from "../guardrails/manage-policies";
import { addDays, DAY_MS } from "../time";
import { formatUsd6, parseUsd, roundToMicro, toDecimalString } from "../money";
import { realisedSaving } from "./estimates";
import { findOpportunity, WINDOW_DAYS } from "./get-opportunities";
import type { Proposal } from "./types";

/**
 * Policy drafts (docs/decisions/024): an opportunity becomes a draft (by a person or by an
 * assistant through MCP); only a person — an engineering lead of the owning team, or an admin —
 * approves it, and approval alone applies the guardrail, budget or throttle change through the
 * same functions as the settings screens (each audited there), plus an audit entry here.
 */
type DraftRow = Awaited<ReturnType<ReturnType<typeof db>["policyDraft"]["findFirstOrThrow"]>>;

/** Who a draft's people are, by id: members' e-mail addresses and API keys' names. */
export type PeopleNames = { users: Map<string, string>; keys: Map<string, string> };

async function peopleNames(organizationId: string, rows: DraftRow[]): Promise<PeopleNames> {
  const userIds = [...new Set(rows.flatMap((r) => [r.createdById, r.decidedById]).filter((x): x is string => Boolean(x)))];
  const keyIds = [...new Set(rows.map((r) => r.createdByApiKeyId).filter((x): x is string => Boolean(x)))];
  const [users, keys] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    keyIds.length ? db().apiKey.findMany({ where: { organizationId, id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { users: new Map(users.map((u) => [u.id, u.email])), keys: new Map(keys.map((k) => [k.id, k.name])) };
}

export function draftDto(
  d: DraftRow,
  realised?: { after_usd: string; realised_usd: string } | null,
  now = new Date(),
  names: PeopleNames = { users: new Map(), keys: new Map() },
) {
  const since = d.decidedAt && d.status !== "rejected" ? d.decidedAt : null;
  const measurableAt = since ? new Date(since.getTime() + (WINDOW_DAYS + 1) * DAY_MS) : null;
  return {
    id: d.id,
    opportunity_id: d.opportunityId,
    opportunity_kind: d.opportunityKind,
    feature: d.feature,
    owner_team: d.ownerTeam,
    type: d.type,
    title: d.title,
    proposal: d.proposal as Proposal,
    basis: d.basis as string[],
    estimated_monthly_saving_usd: formatUsd6(parseUsd(d.estimatedMonthlySavingUsd.toString())),
    baseline_monthly_cost_usd: formatUsd6(parseUsd(d.baselineMonthlyCostUsd.toString())),
    status: d.status,
    note: d.note,
    created_at: d.createdAt.toISOString(),
    created_by: d.createdById
      ? (names.users.get(d.createdById) ?? "a former member")
      : d.createdByApiKeyId
        ? `API key ${names.keys.get(d.createdByApiKeyId) ?? "(revoked)"} (assistant)`
        : null,
    decided_by: d.decidedById ? (names.users.get(d.decidedById) ?? "a former member") : null,
    decided_at: d.decidedAt?.toISOString() ?? null,
    decision_note: d.decisionNote,
    applied_at: d.appliedAt?.toISOString() ?? null,
    /** realised vs estimated: the feature's 30 days after the decision against its 30 days before drafting */
    realised: since
      ? realised
        ? { status: "measured" as const, ...realised }
        : {
            status: "pending" as const,
            measurable_on: measurableAt!.toISOString().slice(0, 10),
            days_left: Math.max(0, Math.ceil((measurableAt!.getTime() - now.getTime()) / DAY_MS)),
          }
      : null,
  };
}

async function featureCost(organizationId: string, feature: string, from: string, to: string): Promise<bigint> {
  const [r] = await db().$queryRaw<{ cost: string | null }[]>`
    SELECT sum(d."costUsd")::text AS cost FROM "DailyRollup" d
    WHERE d."organizationId" = ${organizationId} AND d.feature = ${feature} AND d.day >= ${from}::date AND d.day < ${to}::date`;
  return parseUsd(r?.cost ?? "0");
}

export async function createDraft(
  organizationId: string,
  input: { opportunity_id: string; note?: string },
  actor: Actor,
  now = new Date(),
) {
  const { opportunity: o, window } = await findOpportunity(organizationId, input.opportunity_id, now);
  if (!o)
    throw new AppError(
      "not_found",
      `No current opportunity ${input.opportunity_id}. List them with GET /api/v1/opportunities (figures change as data arrives).`,
    );
  const open = await db().policyDraft.findFirst({ where: { organizationId, opportunityId: o.id, status: "draft" } });
  if (open) throw new AppError("conflict", `A draft for this opportunity is already waiting for approval (${open.id}).`);
  const baseline = await featureCost(organizationId, o.feature, window.from, window.to);
  const row = await db().policyDraft.create({
    data: {
      organizationId,
      opportunityId: o.id,
      opportunityKind: o.kind,
      feature: o.feature,
      ownerTeam: o.owner_team,
      type: o.proposal.type,
      title: o.title,
      proposal: o.proposal as unknown as Prisma.InputJsonValue,
      basis: o.basis,
      note: input.note ?? null,
      estimatedMonthlySavingUsd: toDecimalString(roundToMicro(o.saving)),
      baselineMonthlyCostUsd: toDecimalString(baseline),
      createdById: actor.userId ?? null,
      createdByApiKeyId: actor.apiKeyId ?? null,
    },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "policy_draft.create",
    targetType: "PolicyDraft",
    targetId: row.id,
    after: { opportunity: o.id, proposal: o.proposal, estimate: formatUsd6(o.saving) },
  });
  return draftDto(row, null, now, await peopleNames(organizationId, [row]));
}

export async function listDrafts(organizationId: string, opts: { status?: string } = {}, now = new Date()) {
  const rows = await db().policyDraft.findMany({
    where: { organizationId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const names = await peopleNames(organizationId, rows);
  const out = [];
  for (const d of rows) {
    let realised = null;
    if (d.decidedAt && d.status !== "rejected" && d.decidedAt.getTime() + (WINDOW_DAYS + 1) * DAY_MS <= now.getTime()) {
      const start = addDays(d.decidedAt.toISOString().slice(0, 10), 1);
      const after = await featureCost(organizationId, d.feature, start, addDays(start, WINDOW_DAYS));
      realised = {
        after_usd: formatUsd6(after),
        realised_usd: formatUsd6(realisedSaving(parseUsd(d.baselineMonthlyCostUsd.toString()), after)),
      };
    }
    out.push(draftDto(d, realised, now, names));
  }
  return out;
}

/** Who may decide: an admin, or an engineering lead whose team owns the feature. */
export function mayDecide(member: Pick<Member, "role" | "teamName">, ownerTeam: string | null): boolean {
  if (member.role === "ADMIN") return true;
  return member.role === "ENGINEERING_LEAD" && member.teamName !== null && member.teamName === ownerTeam;
}

async function apply(organizationId: string, p: Proposal, actor: Actor) {
  switch (p.type) {
    case "guardrail_downgrade":
      // the feature's fallback becomes the approved model; the standing route lives in the draft (the guardrail snapshot, load-snapshot.ts)
      return upsertPolicy(organizationId, { feature: p.feature, fallback_action: "downgrade", fallback_model: p.to_model }, actor);
    case "budget":
      return upsertBudget(
        organizationId,
        budgetSchema.parse({
          scope: p.scope,
          scope_ref: p.scope_ref,
          monthly_limit_usd: p.monthly_limit_usd,
          mode: p.mode,
          thresholds: p.thresholds,
        }),
        actor,
      );
    case "throttle":
      return upsertPolicy(organizationId, { feature: p.feature, freemium_throttle: true, fallback_model: p.fallback_model }, actor);
    case "change_request":
      return null; // a code change: approval records the decision; the team makes the change
  }
}

export async function decideDraft(
  organizationId: string,
  id: string,
  decision: "approve" | "reject" | "withdraw",
  member: Member,
  note: string | undefined,
  now = new Date(),
) {
  const d = await db().policyDraft.findFirst({ where: { id, organizationId } });
  if (!d) throw new AppError("not_found", "No such policy draft.");
  if (!mayDecide(member, d.ownerTeam)) {
    throw new AppError("forbidden", `Only an admin or an engineering lead of team ${d.ownerTeam ?? "(none)"} may decide this draft.`);
  }
  const actor: Actor = { userId: member.userId };
  if (decision === "withdraw") return withdraw(d, actor, note, now);
  const status = decision === "reject" ? "rejected" : d.type === "change_request" ? "approved" : "applied";
  // claim the draft first: two people deciding at once cannot both apply it
  const claimed = await db().policyDraft.updateMany({
    where: { id, organizationId, status: "draft" },
    data: { status, decidedById: member.userId, decidedAt: now, decisionNote: note ?? null, appliedAt: status === "applied" ? now : null },
  });
  if (claimed.count === 0) throw new AppError("conflict", `This draft was already decided (${d.status}).`);
  let applied: unknown = null;
  if (decision === "approve") {
    try {
      applied = await apply(organizationId, d.proposal as unknown as Proposal, actor);
    } catch (err) {
      await db().policyDraft.update({
        where: { organizationId_id: { organizationId: organizationId, id: id } },
        data: { status: "draft", decidedById: null, decidedAt: null, decisionNote: null, appliedAt: null },
      });
      throw err;
    }
  }
  if (status === "applied") onGuardrailRelevantWrite(organizationId); // the route is in the snapshot: SDKs see it within a long-poll
  await writeAudit({
    organizationId,
    actor,
    action: `policy_draft.${decision}`,
    targetType: "PolicyDraft",
    targetId: id,
    before: { status: d.status },
    after: { status, proposal: d.proposal, applied },
  });
  const row = await db().policyDraft.findUniqueOrThrow({ where: { organizationId_id: { organizationId: organizationId, id: id } } });
  return draftDto(row, null, now, await peopleNames(organizationId, [row]));
}

/**
 * Withdraws an applied model route (the guardrail stops answering `downgrade` for it). Budget and
 * throttle changes are undone where they were made (Budgets, Guardrails): they may have been
 * edited since, and silently reverting a person's later edit would be worse.
 */
async function withdraw(d: DraftRow, actor: Actor, note: string | undefined, now: Date) {
  if (d.status !== "applied" || d.type !== "guardrail_downgrade")
    throw new AppError(
      "conflict",
      "Only an applied model route can be withdrawn here; change budgets and throttling on their own screens.",
    );
  await db().policyDraft.update({
    where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
    data: { status: "withdrawn", decisionNote: note ?? d.decisionNote },
  });
  await writeAudit({
    organizationId: d.organizationId,
    actor,
    action: "policy_draft.withdraw",
    targetType: "PolicyDraft",
    targetId: d.id,
    before: { status: d.status },
    after: { status: "withdrawn" },
  });
  onGuardrailRelevantWrite(d.organizationId);
  const updated = await db().policyDraft.findUniqueOrThrow({
    where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
  });
  return draftDto(updated, null, now, await peopleNames(d.organizationId, [updated]));
}
