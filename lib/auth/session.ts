import "server-only";
import { getServerSession } from "next-auth";
import { db, readPreferLeader } from "../db";
import { authOptions } from "./options";
import type { Role } from "./roles";

export type Member = {
  userId: string;
  email: string;
  name: string | null;
  organizationId: string;
  orgSlug: string;
  orgName: string;
  role: Role;
  teamName: string | null;
};

/**
 * The organisation a person with several memberships is working in: a cookie beside the
 * session, set by the organisation switcher (decision 032). It only chooses among the person's
 * own memberships — currentMember checks the membership on every request, so a stale or forged
 * value falls back to the first membership and never grants anything.
 */
export const ACTIVE_ORG_COOKIE = "spendline-org";

async function activeOrgPreference(): Promise<string | null> {
  try {
    const { cookies } = await import("next/headers");
    return (await cookies()).get(ACTIVE_ORG_COOKIE)?.value ?? null;
  } catch {
    return null;
  }
}

/** The membership a person acts through: the preferred organisation if they belong to it, else their first. */
export async function memberFor(userId: string, preferredOrgId: string | null): Promise<Member | null> {
  const include = { user: true, organization: true } as const;
  // the leader, or the replica while the leader is unreachable: pages stay readable during a failover (decision 055)
  const m = await readPreferLeader(
    async (c) =>
      (preferredOrgId
        ? await c.membership.findUnique({ where: { organizationId_userId: { organizationId: preferredOrgId, userId } }, include })
        : null) ?? (await c.membership.findFirst({ where: { userId }, include, orderBy: { createdAt: "asc" } })),
  );
  if (!m) return null;
  return {
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    organizationId: m.organizationId,
    orgSlug: m.organization.slug,
    orgName: m.organization.name,
    role: m.role as Role,
    teamName: m.teamName,
  };
}

/** The signed-in person's user id, or null. */
export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return (session as { uid?: string } | null)?.uid ?? null;
}

/** The signed-in person's email (whatever their memberships), or null. */
export async function currentUserEmail(): Promise<string | null> {
  const uid = await currentUserId();
  if (!uid) return null;
  return (await db().user.findUnique({ where: { id: uid }, select: { email: true } }))?.email ?? null;
}

/** The signed-in member in the active organisation, or null. Role is read fresh from the
 * database on every request, so a role change or removal takes effect at once. */
export async function currentMember(): Promise<Member | null> {
  const uid = await currentUserId();
  if (!uid) return null;
  return memberFor(uid, await activeOrgPreference());
}

/** The organisations a person belongs to (for the switcher), oldest membership first. */
export async function organizationsOf(userId: string) {
  const rows = await readPreferLeader((c) =>
    c.membership.findMany({
      where: { userId },
      include: { organization: { select: { id: true, name: true, slug: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
  return rows.map((m) => ({ id: m.organization.id, name: m.organization.name, slug: m.organization.slug, role: m.role as Role }));
}
