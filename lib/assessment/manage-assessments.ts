import "server-only";
import { AppError } from "../core/errors";
import type { Principal } from "../auth/principal";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { can } from "../auth/roles";
import { db, Prisma } from "../db";
import { ITEM_IDS } from "./items";
import type { SaveDraft, SubmitAssessment } from "./schemas";
import { levelFor, scoreAnswers, type Answers, type Level } from "./score";

export type AssessmentView = {
  id: string;
  team: string | null;
  status: "draft" | "submitted";
  score: number | null;
  level: Level | null;
  answers: Answers;
  notes: Record<string, { note?: string; link?: string }>;
  created_by: string | null;
  created_at: string;
  submitted_at: string | null;
};

type Row = Awaited<ReturnType<ReturnType<typeof db>["assessment"]["findFirstOrThrow"]>>;

export function toView(r: Row): AssessmentView {
  return {
    id: r.id,
    team: r.team,
    status: r.status as AssessmentView["status"],
    score: r.score,
    level: (r.level as Level | null) ?? null,
    answers: (r.answers ?? {}) as Answers,
    notes: (r.notes ?? {}) as AssessmentView["notes"],
    created_by: r.createdById,
    created_at: r.createdAt.toISOString(),
    submitted_at: r.submittedAt?.toISOString() ?? null,
  };
}

/**
 * Who may answer for which team: an ENGINEERING_LEAD for their own team (Membership.teamName)
 * only; FINANCE and ADMIN for any team or the whole organisation; an API key with the admin
 * scope likewise. VIEWER never reaches here (capability assessment.submit).
 */
export function assertMayAnswerFor(principal: Principal, team: string | null): void {
  if (principal.apiKeyId) return;
  const role = principal.role!;
  if (can(role, "assessment.submit_any_team")) return;
  if (!can(role, "assessment.submit")) throw new AppError("forbidden", `Your role (${role}) may read assessments but not answer them.`);
  const own = principal.member?.teamName ?? null;
  if (own === null) throw new AppError("forbidden", "You have no team on your membership: ask an admin to set it (Admin → Members).");
  if (team !== own) throw new AppError("forbidden", `An engineering lead answers for their own team (${own}) only.`);
}

export async function listAssessments(organizationId: string, opts: { team?: string; organization?: boolean; limit: number }) {
  const rows = await db().assessment.findMany({
    where: {
      organizationId,
      status: "submitted",
      ...(opts.organization ? { team: null } : opts.team ? { team: opts.team } : {}),
    },
    orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
    take: opts.limit,
  });
  return rows.map(toView);
}

export async function getAssessment(organizationId: string, id: string) {
  const row = await db().assessment.findFirst({ where: { organizationId, id } });
  return row ? toView(row) : null;
}

export async function submitAssessment(principal: Principal, input: SubmitAssessment, actor: Actor) {
  assertMayAnswerFor(principal, input.team);
  const answers = Object.fromEntries(ITEM_IDS.map((id) => [id, input.answers[id]])) as Answers;
  const score = scoreAnswers(answers);
  const level = levelFor(score);
  const organizationId = principal.organizationId;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.assessment.create({
      data: {
        organizationId,
        team: input.team,
        status: "submitted",
        answers: answers as Prisma.InputJsonValue,
        notes: (input.notes ?? {}) as Prisma.InputJsonValue,
        score,
        level,
        createdById: actor.userId ?? null,
        submittedAt: new Date(),
      },
    });
    // the person's draft for this team is now superseded
    if (actor.userId) {
      await tx.assessment.deleteMany({ where: { organizationId, team: input.team, status: "draft", createdById: actor.userId } });
    }
    await writeAudit(
      {
        organizationId,
        actor,
        action: "assessment.submit",
        targetType: "assessment",
        targetId: created.id,
        after: { team: input.team, score, level },
      },
      tx,
    );
    return created;
  });
  return toView(row);
}

/** One draft per person and team; saving again replaces it. */
export async function saveDraft(principal: Principal, input: SaveDraft, actor: Actor) {
  assertMayAnswerFor(principal, input.team);
  if (!actor.userId) throw new AppError("bad_request", "Drafts belong to a signed-in person; an API key submits directly.");
  const organizationId = principal.organizationId;
  const existing = await db().assessment.findFirst({
    where: { organizationId, team: input.team, status: "draft", createdById: actor.userId },
  });
  const data = { answers: input.answers as Prisma.InputJsonValue, notes: (input.notes ?? {}) as Prisma.InputJsonValue };
  const row = existing
    ? await db().assessment.update({ where: { organizationId_id: { organizationId: organizationId, id: existing.id } }, data })
    : await db().assessment.create({ data: { organizationId, team: input.team, status: "draft", createdById: actor.userId, ...data } });
  return toView(row);
}

export async function listMyDrafts(organizationId: string, userId: string) {
  const rows = await db().assessment.findMany({
    where: { organizationId, status: "draft", createdById: userId },
    orderBy: { updatedAt: "desc" },
    take: 50,
  });
  return rows.map(toView);
}

/** The latest submitted assessment per team (and for the organisation), optionally as of `before`: the level distribution. */
export async function latestPerTeam(organizationId: string, before?: Date) {
  const cut = before ? Prisma.sql`AND "submittedAt" < ${before}` : Prisma.empty;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT DISTINCT ON (team) id FROM "Assessment"
    WHERE "organizationId" = ${organizationId} AND status = 'submitted' ${cut}
    ORDER BY team, "submittedAt" DESC LIMIT 1000`;
  if (rows.length === 0) return [];
  const full = await db().assessment.findMany({ where: { organizationId, id: { in: rows.map((r) => r.id) } } });
  return full.map(toView).sort((a, b) => (a.team ?? "").localeCompare(b.team ?? ""));
}
