import "server-only";
import { getServerSession } from "next-auth";
import { db } from "../db";
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

/** The signed-in member (first organisation membership), or null. Role is read fresh from
 * the database on every request, so a role change or removal takes effect at once. */
export async function currentMember(): Promise<Member | null> {
  const session = await getServerSession(authOptions());
  const uid = (session as { uid?: string } | null)?.uid;
  if (!uid) return null;
  const m = await db().membership.findFirst({
    where: { userId: uid },
    include: { user: true, organization: true },
    orderBy: { createdAt: "asc" },
  });
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
