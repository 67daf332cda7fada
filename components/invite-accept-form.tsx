"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { acceptInviteAction } from "@/app/invite/[token]/actions";

/** Accepting an invite: a new person chooses a password (then is signed in); an existing account just accepts. */
export function InviteAcceptForm({ token, email, mode }: { token: string; email: string; mode: "new" | "existing" }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (mode === "new" && password !== String(form.get("password2") ?? "")) {
      setError("The two passwords differ: type the same password twice.");
      return;
    }
    setBusy(true);
    setError(null);
    const r = await acceptInviteAction(token, { name: String(form.get("name") ?? ""), password: mode === "new" ? password : undefined });
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    if (mode === "new") {
      const s = await signIn("credentials", { email, password, redirect: false });
      if (!s?.ok || s.error) {
        setBusy(false);
        setError("Your account is ready, but signing in failed: sign in on the sign-in page.");
        return;
      }
    }
    // a full page load, so that every server component renders with the new session and organisation
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate, see above
    window.location.assign("/overview");
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {mode === "new" && (
        <>
          <div className="field">
            <label htmlFor="invite-name">Your name (optional)</label>
            <input id="invite-name" name="name" autoComplete="name" style={{ width: "100%" }} />
          </div>
          <div className="field">
            <label htmlFor="invite-password">Choose a password</label>
            <input
              id="invite-password"
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={8}
              required
              style={{ width: "100%" }}
            />
            <small className="muted">At least 8 characters. Only you know it: your admin never sees it.</small>
          </div>
          <div className="field">
            <label htmlFor="invite-password2">Type it again</label>
            <input
              id="invite-password2"
              name="password2"
              type="password"
              autoComplete="new-password"
              minLength={8}
              required
              style={{ width: "100%" }}
            />
          </div>
        </>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy} style={{ width: "100%", justifyContent: "center" }}>
        {busy ? "Accepting…" : mode === "new" ? "Create my account and join" : "Accept and join"}
      </button>
    </form>
  );
}
