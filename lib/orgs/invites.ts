import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../core/errors";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { Actor } from "../audit/actor";
import type { Client } from "../net/request-client";
import { writeAudit } from "../audit/write-audit";
import { listTeams } from "./list-names";
import { memberTeamProblem } from "./schemas";

/**
 * Invites (decision 032): how an organisation's admin adds a person. The admin never sets a
 * password and never touches a user record: the person opens the link and either sets their
 * own password (no account yet) or signs in to their existing account and accepts. So a user
 * record is never created, claimed or re-passworded through another organisation.
 *
 * The link carries 32 random bytes; only their sha256 is stored. A link works once, for
 * INVITE_TTL_MS, unless revoked. There is no mail server: the admin copies the link.
 */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function invitePath(token: string): string {
  return `/invite/${token}`;
}

function statusOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteStatus {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt <= now ? "expired" : "pending";
}

export async function inviteMember(
  organizationId: string,
  input: { email: string; role: Role; team?: string | null },
  actor: Actor,
  now = new Date(),
) {
  const email = input.email.trim().toLowerCase();
  const team = input.team || null;
  const problem = memberTeamProblem(input.role, team, await listTeams(organizationId));
  if (problem) throw new AppError("validation_failed", problem, [{ path: "team", message: problem }]);
  const user = await db().user.findUnique({ where: { email }, include: { memberships: { where: { organizationId } } } });
  if (user?.memberships.length) throw new AppError("conflict", `${email} is already a member of this organisation.`);

  const token = randomBytes(32).toString("base64url");
  const invite = await db().$transaction(async (tx) => {
    // a new invite for the same person replaces the pending one (its link stops working)
    await tx.invite.updateMany({
      where: { organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    return tx.invite.create({
      data: {
        organizationId,
        email,
        role: input.role,
        teamName: team,
        tokenHash: hashToken(token),
        invitedById: actor.userId ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      },
    });
  });
  const existingAccount = Boolean(user);
  await writeAudit({
    organizationId,
    actor,
    action: "member.invite",
    targetType: "invite",
    targetId: invite.id,
    after: { email, role: input.role, team, expires_at: invite.expiresAt.toISOString(), existing_account: existingAccount },
  });
  const message = existingAccount
    ? `${email} already has a Spendline account, so nothing about it was changed: send them the link; they sign in with their own password and accept.`
    : `Send ${email} the link (Spendline sends no email): they choose their own password when they accept.`;
  return { invite, token, path: invitePath(token), existingAccount, message };
}

export async function listInvites(organizationId: string, now = new Date()) {
  const rows = await db().invite.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ ...r, status: statusOf(r, now) }));
}

export async function revokeInvite(organizationId: string, id: string, actor: Actor, now = new Date()) {
  const invite = await db().invite.findFirst({ where: { id, organizationId } });
  if (!invite) throw new AppError("not_found", "No such invite in this organisation.");
  if (invite.acceptedAt) throw new AppError("conflict", `${invite.email} has already accepted: remove the member instead.`);
  if (invite.revokedAt) return invite;
  const updated = await db().invite.update({ where: { id }, data: { revokedAt: now } });
  await writeAudit({
    organizationId,
    actor,
    action: "member.invite_revoke",
    targetType: "invite",
    targetId: id,
    before: { email: invite.email, role: invite.role },
  });
  return updated;
}

/** What the invite page shows for a link: the organisation, the role, and which way to accept. */
export async function describeInvite(token: string, now = new Date()) {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) }, include: { organization: true } });
  if (!invite) return null;
  const user = await db().user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return {
    email: invite.email,
    role: invite.role as Role,
    team: invite.teamName,
    orgName: invite.organization.name,
    organizationId: invite.organizationId,
    expiresAt: invite.expiresAt,
    status: statusOf(invite, now),
    existingAccount: Boolean(user),
  };
}

const NOT_USABLE: Record<Exclude<InviteStatus, "pending">, string> = {
  accepted: "This invite link has already been used. Sign in, or ask the admin for a new invite.",
  revoked: "This invite was withdrawn. Ask the admin who invited you for a new one.",
  expired: "This invite link has expired. Ask the admin who invited you for a new one.",
};

/**
 * Accepts an invite. A person without an account sets their password here (`password`); a
 * person with an account must be signed in as that account (`signedInUserId`) and their
 * password is never asked for or changed. The link is claimed atomically: it works once.
 */
export async function acceptInvite(
  token: string,
  input: { signedInUserId: string | null; name?: string | null; password?: string | null },
  client: Client,
  now = new Date(),
) {
  const tokenHash = hashToken(token);
  const invite = await db().invite.findUnique({ where: { tokenHash } });
  if (!invite) throw new AppError("not_found", "This invite link is not valid: check that it was copied whole, or ask for a new invite.");
  const status = statusOf(invite, now);
  if (status !== "pending") throw new AppError("conflict", NOT_USABLE[status]);

  const existing = await db().user.findUnique({ where: { email: invite.email } });
  if (existing) {
    if (!input.signedInUserId)
      throw new AppError("unauthorized", `${invite.email} already has a Spendline account: sign in with it first, then accept.`);
    if (input.signedInUserId !== existing.id)
      throw new AppError(
        "forbidden",
        `This invite is for ${invite.email}: sign out, sign in as ${invite.email}, then open the link again.`,
      );
    if (input.password) throw new AppError("bad_request", "Your account already has a password: accept without one (it is not changed).");
  } else {
    const pw = input.password ?? "";
    if (pw.length < 8 || pw.length > 200)
      throw new AppError("validation_failed", "Choose a password of at least 8 characters.", [
        { path: "password", message: "at least 8 characters" },
      ]);
  }
  const passwordHash = existing ? null : await hashPassword(input.password!);

  const result = await db().$transaction(async (tx) => {
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("conflict", NOT_USABLE.accepted);
    const user = existing ?? (await tx.user.create({ data: { email: invite.email, name: input.name?.trim() || null, passwordHash } }));
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedById: user.id } });
    const already = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invite.organizationId, userId: user.id } },
    });
    const membership =
      already ??
      (await tx.membership.create({
        data: { organizationId: invite.organizationId, userId: user.id, role: invite.role, teamName: invite.teamName },
      }));
    await writeAudit(
      {
        organizationId: invite.organizationId,
        actor: { userId: user.id, ip: client.ip, userAgent: client.userAgent },
        action: "member.create",
        targetType: "membership",
        targetId: membership.id,
        after: { email: invite.email, role: membership.role, team: membership.teamName, via: "invite", new_account: !existing },
      },
      tx,
    );
    return { user, membership, createdAccount: !existing };
  });
  return { ...result, organizationId: invite.organizationId };
}
