import { z } from "zod";
import { ROLES, SCOPES } from "../auth/roles";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "use 2-49 lowercase letters, digits or dashes");

export const createMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("enter a valid email address"),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  password: z.string().min(8, "at least 8 characters").max(200),
  team: z.string().trim().max(100).optional(),
});

export const updateMemberSchema = z.object({ role: z.enum(ROLES), team: z.string().trim().max(100).nullable().optional() });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "give the key a name").max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, "choose at least one scope"),
});

/**
 * What is wrong with a member's team, or null: an engineering lead must have a team (it decides
 * which features, budgets and assessment they answer for), and a team must be one the
 * organisation knows (Team records, teams seen in events, other members' teams) — a typo would
 * silently give a lead nothing to manage.
 */
export function memberTeamProblem(role: string, team: string | null, knownTeams: readonly string[]): string | null {
  if (team && !knownTeams.includes(team)) {
    return `“${team}” is not a known team. Choose one of: ${knownTeams.join(", ") || "(none yet: teams appear with events)"}.`;
  }
  if (role === "ENGINEERING_LEAD" && !team) return "An engineering lead needs a team: choose the team they lead.";
  return null;
}
