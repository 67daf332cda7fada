import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/session";
import { oidcEnabled } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { SignInForm } from "@/components/sign-in-form";
import { safeNext } from "@/lib/auth/safe-next";
import { Logo } from "@/components/ui/logo";

export const metadata = { title: "Sign in" };

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).callbackUrl;
  const next = safeNext(Array.isArray(raw) ? raw[0] : raw);
  if (await currentMember()) redirect(next);
  return (
    <main className="signin">
      <div className="card">
        <h1>
          <Logo size={28} style={{ verticalAlign: "-5px", marginRight: 10 }} />
          Spendline
        </h1>
        <p className="muted" style={{ marginTop: 0 }}>
          AI spend, attributed to the feature, team and customer that caused it.
        </p>
        <SignInForm oidcName={oidcEnabled() ? env().OIDC_NAME : null} next={next} />
      </div>
    </main>
  );
}
