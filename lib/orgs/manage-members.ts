import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { listTeams } from "./list-names";
import { memberTeamProblem } from "./schemas";

async function assertTeam(organizationId: string, role: string, team: string | null) {
  const problem = memberTeamProblem(role, team, await listTeams(organizationId));
  if (problem) throw new AppError("validation_failed", problem, [{ path: "team", message: problem }]);
}

export async function createOrganization(slug: string, name: string) {
  const exists = await db().organization.findUnique({ where: { slug } });
  if (exists) throw new AppError("conflict", `An organisation with slug "${slug}" already exists.`);
  return db().organization.create({ data: { slug, name } });
}

/**
 * The installation operator's way to add a member (CLI `user create`, e2e fixtures): trusted,
 * never reachable from an organisation's admin (they invite: lib/orgs/invites.ts, decision 032).
 * A new email gets a user with the given password. An existing account only gains the
 * membership: its password is never changed here, and the answer says so
 * (`passwordUnchanged`), so the caller can tell the operator.
 */
export async function addMember(
  organizationId: string,
  input: { email: string; name?: string; role: Role; password: string; team?: string },
  actor: Actor,
  /** the CLI names a team explicitly: record it as a known team first */
  opts: { createTeam?: boolean } = {},
) {
  const email = input.email.trim().toLowerCase();
  if (opts.createTeam && input.team) {
    await db().team.upsert({
      where: { organizationId_name: { organizationId, name: input.team } },
      create: { organizationId, name: input.team },
      update: {},
    });
  }
  await assertTeam(organizationId, input.role, input.team || null);
  const existing = await db().user.findUnique({ where: { email }, include: { memberships: true } });
  if (existing?.memberships.some((m) => m.organizationId === organizationId)) {
    throw new AppError("conflict", `${email} is already a member.`);
  }
  const user =
    existing ?? (await db().user.create({ data: { email, name: input.name ?? null, passwordHash: await hashPassword(input.password) } }));
  const membership = await db().membership.create({
    data: { organizationId, userId: user.id, role: input.role, teamName: input.team || null },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "member.create",
    targetType: "membership",
    targetId: membership.id,
    after: { email, role: input.role, team: input.team ?? null, ...(existing ? { existing_account: true } : {}) },
  });
  return { user, membership, createdUser: !existing, passwordUnchanged: Boolean(existing) };
}

export async function listMembers(organizationId: string) {
  return db().membership.findMany({
    where: { organizationId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

async function loadMembership(organizationId: string, membershipId: string) {
  const m = await db().membership.findFirst({ where: { id: membershipId, organizationId }, include: { user: true } });
  if (!m) throw new AppError("not_found", "No such member in this organisation.");
  return m;
}

async function assertAnotherAdmin(organizationId: string, membershipId: string) {
  const admins = await db().membership.count({ where: { organizationId, role: "ADMIN", NOT: { id: membershipId } } });
  if (admins === 0) throw new AppError("conflict", "The organisation needs at least one admin: promote someone else first.");
}

export async function changeMemberRole(
  organizationId: string,
  membershipId: string,
  role: Role,
  team: string | null | undefined,
  actor: Actor,
) {
  const m = await loadMembership(organizationId, membershipId);
  if (m.role === "ADMIN" && role !== "ADMIN") await assertAnotherAdmin(organizationId, membershipId);
  await assertTeam(organizationId, role, team !== undefined ? team || null : m.teamName);
  const updated = await db().membership.update({
    where: { organizationId_id: { organizationId: organizationId, id: m.id } },
    data: { role, ...(team !== undefined ? { teamName: team || null } : {}) },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "member.role_change",
    targetType: "membership",
    targetId: m.id,
    before: { email: m.user.email, role: m.role, team: m.teamName },
    after: { email: m.user.email, role, team: updated.teamName },
  });
  return updated;
}

export async function removeMember(organizationId: string, membershipId: string, actor: Actor) {
  const m = await loadMembership(organizationId, membershipId);
  if (m.role === "ADMIN") await assertAnotherAdmin(organizationId, membershipId);
  await db().membership.delete({ where: { organizationId_id: { organizationId: organizationId, id: m.id } } });
  await writeAudit({
    organizationId,
    actor,
    action: "member.remove",
    targetType: "membership",
    targetId: m.id,
    before: { email: m.user.email, role: m.role },
  });
}
