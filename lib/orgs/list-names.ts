import "server-only";
import { db } from "../db";
import { DAY_MS } from "../time";

/**
 * The known names a form offers to choose from (teams, features, billing accounts), sorted:
 * pages read them here rather than through the Prisma client.
 */
export async function listTeamNames(organizationId: string): Promise<string[]> {
  const rows = await db().team.findMany({ where: { organizationId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/**
 * Every team the organisation knows of, for choosing one (a member's team, an assessment, a
 * budget's scope): registered teams, teams seen on events in the last 90 days, and members'
 * teams. `listTeamNames` is the registered ones only.
 */
export async function listTeams(organizationId: string): Promise<string[]> {
  const since = new Date(Date.now() - 90 * DAY_MS);
  const [teams, seen, members] = await Promise.all([
    db().team.findMany({ where: { organizationId }, select: { name: true }, take: 500 }),
    db().$queryRaw<{ team: string }[]>`
      SELECT DISTINCT team FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND day >= ${since}::date LIMIT 500`,
    db().membership.findMany({ where: { organizationId, teamName: { not: null } }, select: { teamName: true }, take: 500 }),
  ]);
  const all = new Set<string>([...teams.map((t) => t.name), ...seen.map((s) => s.team), ...members.map((m) => m.teamName!)]);
  all.delete("");
  return [...all].sort((a, b) => a.localeCompare(b));
}

export async function listFeatureNames(organizationId: string): Promise<string[]> {
  const rows = await db().feature.findMany({ where: { organizationId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

export async function listBillingAccountNames(organizationId: string): Promise<string[]> {
  const rows = await db().billingAccount.findMany({ where: { organizationId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/** The organisation's display name (null when it does not exist). */
export async function organizationName(organizationId: string): Promise<string | null> {
  const org = await db().organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return org?.name ?? null;
}

/** Models seen on events in the last 35 days (a budget's model scope offers them). */
export async function listRecentModels(organizationId: string): Promise<string[]> {
  const since = new Date(Date.now() - 35 * DAY_MS);
  const rows = await db().$queryRaw<{ model: string }[]>`
    SELECT DISTINCT model FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND day >= ${since}::date ORDER BY model LIMIT 200`;
  return rows.map((r) => r.model);
}
