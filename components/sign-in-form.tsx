"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { safeNext } from "@/lib/auth/safe-next";

export function SignInForm({ oidcName, next }: { oidcName: string | null; next?: string | null }) {
  const target = safeNext(next);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    // a full page load, so that every server component renders with the new session cookie
    if (res?.ok && !res.error) window.location.href = target;
    // a lockout says so (and for how long); anything else reads the same whether or not the email exists
    else if (res?.error?.startsWith("Too many failed sign-ins")) setError(res.error);
    else setError("Email or password is wrong. Ask your Spendline admin to create or reset your account.");
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required style={{ width: "100%" }} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required style={{ width: "100%" }} />
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy} style={{ width: "100%", justifyContent: "center" }}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {oidcName && (
        <button
          type="button"
          className="btn"
          style={{ width: "100%", justifyContent: "center", marginTop: 10 }}
          onClick={() => signIn("oidc", { callbackUrl: target })}
        >
          Continue with {oidcName}
        </button>
      )}
    </form>
  );
}
