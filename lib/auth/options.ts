import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { authSecret, env } from "../env";
import { clientFromHeaders, requestClient } from "../net/request-client";
import { signInWithPassword, throttledMessage } from "./sign-in";
import { writeAudit } from "../audit/write-audit";

/**
 * next-auth: email + password (scrypt) always; an OIDC provider when OIDC_ISSUER,
 * OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. A person signing in through OIDC must
 * already be a member (created by an admin) — sign-in never creates access.
 */
function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim().toLowerCase();
        if (!email || !credentials?.password) return null;
        const raw = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
        const headers = { get: (name: string) => [raw[name] ?? raw[name.toLowerCase()]].flat()[0] ?? null };
        const client = clientFromHeaders(headers, env().SPENDLINE_TRUSTED_PROXY_HOPS);
        const r = await signInWithPassword(email, credentials.password, client);
        if (r.ok) return r.user;
        // next-auth hands a thrown message to the form (signIn(...).error); a plain null is "wrong"
        if (r.reason === "throttled") throw new Error(throttledMessage(r.retryAfterMs));
        return null;
      },
    }),
  ];
  const e = env();
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? null };
      },
    });
  }
  return list;
}

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        // the account is matched by email: an address the provider says it has not verified
        // could be anyone's (a provider letting people set any email would hand out accounts)
        if ((profile as { email_verified?: unknown } | undefined)?.email_verified === false) return false;
        const known = await db().user.findUnique({ where: { email: user.email }, include: { memberships: true } });
        if (known) {
          const client = await requestClient();
          for (const m of known.memberships) {
            await writeAudit({
              organizationId: m.organizationId,
              actor: { userId: known.id, ip: client.ip, userAgent: client.userAgent },
              action: "auth.signin",
              targetType: "user",
              targetId: known.id,
              after: { email: known.email, method: "oidc" },
            });
          }
        }
        return Boolean(known);
      },
      async jwt({ token, user, account }) {
        if (user) {
          // OIDC users are matched by email to the member created by an admin
          const row = account?.provider === "oidc" && user.email ? await db().user.findUnique({ where: { email: user.email } }) : null;
          token.uid = row?.id ?? user.id;
        }
        return token;
      },
      async session({ session, token }) {
        (session as { uid?: string }).uid = token.uid as string | undefined;
        return session;
      },
    },
  };
}
