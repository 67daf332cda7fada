"use server";
import { cookies } from "next/headers";
import { AppError } from "@/lib/core/errors";
import { requestClient } from "@/lib/net/request-client";
import { ACTIVE_ORG_COOKIE, currentUserId } from "@/lib/auth/session";
import { acceptInvite } from "@/lib/orgs/invites";

export type AcceptResult = { ok: true; email: string; createdAccount: boolean } | { ok: false; error: string };

/**
 * Accepts an invite from its page. A server action: Next refuses it from another origin. The
 * new membership becomes the active organisation.
 */
export async function acceptInviteAction(token: string, form: { name?: string; password?: string }): Promise<AcceptResult> {
  try {
    const r = await acceptInvite(
      token,
      { signedInUserId: await currentUserId(), name: form.name ?? null, password: form.password || null },
      await requestClient(),
    );
    (await cookies()).set(ACTIVE_ORG_COOKIE, r.organizationId, { httpOnly: true, sameSite: "lax", path: "/" });
    return { ok: true, email: r.user.email, createdAccount: r.createdAccount };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.message };
    throw err;
  }
}
