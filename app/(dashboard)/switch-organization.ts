"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ACTIVE_ORG_COOKIE, currentUserId, memberFor } from "@/lib/auth/session";

/**
 * The organisation switcher (decision 032): remembers which of the person's organisations they
 * work in. Only an organisation they are a member of is accepted; currentMember checks the
 * membership again on every request anyway.
 */
export async function switchOrganization(form: FormData): Promise<void> {
  const uid = await currentUserId();
  if (!uid) redirect("/signin");
  const orgId = String(form.get("organization") ?? "");
  const m = await memberFor(uid, orgId);
  if (m && m.organizationId === orgId) {
    (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/" });
  }
  redirect("/overview");
}
