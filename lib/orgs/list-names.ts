import "server-only";
import { db } from "../db";

/**
 * The known names a form offers to choose from (teams, features, billing accounts), sorted:
 * pages read them here rather than through the Prisma client.
 */
export async function listTeamNames(organizationId: string): Promise<string[]> {
  const rows = await db().team.findMany({ where: { organizationId }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
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
