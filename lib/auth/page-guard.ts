import "server-only";
import { redirect } from "next/navigation";
import { can, type Capability } from "./roles";
import { currentMember, type Member } from "./session";

/** Pages call this first: no session → sign-in; a role without the capability → 403 page. */
export async function requireMember(capability: Capability = "dashboards.read"): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect("/signin");
  if (!can(member.role, capability)) redirect(`/forbidden?need=${encodeURIComponent(capability)}`);
  return member;
}
