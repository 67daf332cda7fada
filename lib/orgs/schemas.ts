import { z } from "zod";
import { ROLES, SCOPES } from "../auth/roles";

export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "use 2-49 lowercase letters, digits or dashes");

/**
 * Adding a member is an invite (decision 032): the person sets their own password when they
 * accept. A `password` is refused, never ignored.
 */
export const inviteMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("enter a valid email address"),
  role: z.enum(ROLES),
  team: z.string().trim().max(100).optional(),
  password: z
    .undefined({
      error: "members choose their own password when they accept the invite: leave out password and send them the invite link",
    })
    .optional(),
});

export const updateMemberSchema = z.object({ role: z.enum(ROLES), team: z.string().trim().max(100).nullable().optional() });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "give the key a name").max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, "choose at least one scope"),
});

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const dateTime = z.string().meta({ format: "date-time" });

export const apiKeysResponse = z.strictObject({
  api_keys: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      scopes: z.array(z.string()),
      created_at: dateTime,
      last_used_at: dateTime.nullable(),
      revoked_at: dateTime.nullable(),
    }),
  ),
});
export const issuedApiKeyResponse = z.strictObject({
  key: z.string().meta({ description: "the key itself, shown only in this answer" }),
  id: z.string(),
  prefix: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
});
export const revokedApiKeyResponse = z.strictObject({ id: z.string(), revoked_at: dateTime.nullable() });
export const membersResponse = z.strictObject({
  members: z.array(
    z.strictObject({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(ROLES), team: z.string().nullable() }),
  ),
});
const inviteRow = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  team: z.string().nullable(),
  created_at: dateTime,
  expires_at: dateTime,
  status: z.enum(["pending", "expired"]),
});
export const invitesResponse = z.strictObject({ invites: z.array(inviteRow) });
export const createdInviteResponse = z.strictObject({
  invite: inviteRow,
  accept_url: z.string().meta({ description: "the link the person opens to accept; shown only in this answer (no email is sent)" }),
  existing_account: z.boolean().meta({ description: "the person already has a Spendline account: they sign in to accept" }),
  message: z.string(),
});
export const revokedInviteResponse = z.strictObject({ revoked: z.string() });
export const changedMemberResponse = z.strictObject({ id: z.string(), role: z.enum(ROLES), team: z.string().nullable() });
export const removedMemberResponse = z.strictObject({ removed: z.string() });
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

/** An invite as the API shows it (never its token). */
export function inviteWire(i: {
  id: string;
  email: string;
  role: string;
  teamName: string | null;
  createdAt: Date;
  expiresAt: Date;
  status: "pending" | "expired";
}) {
  return {
    id: i.id,
    email: i.email,
    role: i.role as (typeof ROLES)[number],
    team: i.teamName,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
    status: i.status,
  };
}
