import Link from "next/link";
import { describeInvite } from "@/lib/orgs/invites";
import { currentUserEmail } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { InviteAcceptForm } from "@/components/invite-accept-form";
import { Logo } from "@/components/ui/logo";

export const metadata = { title: "Invitation", referrer: "no-referrer" };

export const dynamic = "force-dynamic";

/** The page an invite link opens (decision 032): who invites you to what, and how to accept. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvite(token);
  const myEmail = await currentUserEmail();
  const here = `/invite/${token}`;

  let body: React.ReactNode;
  if (!invite) {
    body = (
      <div role="alert" className="alert alert-error">
        This invite link is not valid: check that it was copied whole, or ask the admin who invited you for a new one.
      </div>
    );
  } else if (invite.status !== "pending") {
    body = (
      <div role="alert" className="alert alert-error">
        {invite.status === "accepted"
          ? "This invite link has already been used. "
          : invite.status === "revoked"
            ? "This invite was withdrawn. "
            : "This invite link has expired. "}
        Ask the admin who invited you for a new one, or <Link href="/signin">sign in</Link>.
      </div>
    );
  } else {
    const what = (
      <p>
        You are invited to <strong>{invite.orgName}</strong> as <strong>{ROLE_LABEL[invite.role].toLowerCase()}</strong>
        {invite.team ? ` (team ${invite.team})` : ""}, as <strong>{invite.email}</strong>. The link works once, until{" "}
        {invite.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.
      </p>
    );
    if (!invite.existingAccount) {
      body = (
        <>
          {what}
          <InviteAcceptForm token={token} email={invite.email} mode="new" />
        </>
      );
    } else if (myEmail !== invite.email) {
      body = (
        <>
          {what}
          <p>
            {invite.email} already has a Spendline account.{" "}
            {myEmail
              ? `You are signed in as ${myEmail}: sign out, then sign in as ${invite.email} to accept.`
              : "Sign in with it to accept."}
          </p>
          <Link className="btn btn-primary" href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
            Sign in as {invite.email}
          </Link>
        </>
      );
    } else {
      body = (
        <>
          {what}
          <InviteAcceptForm token={token} email={invite.email} mode="existing" />
        </>
      );
    }
  }

  return (
    <main className="signin">
      <div className="card">
        <h1>
          <Logo size={28} style={{ verticalAlign: "-5px", marginRight: 10 }} />
          Spendline
        </h1>
        {body}
      </div>
    </main>
  );
}
