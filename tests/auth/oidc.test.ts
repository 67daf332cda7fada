import { expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { addMember, createOrganization } from "@/lib/orgs/manage-members";
import { authOptions } from "@/lib/auth/options";

/** Beyond issue 19 item 1: single sign-on matches accounts by email, so only a verified email may claim one. */
useTestDatabase();

test("an OIDC sign-in whose provider says the email is unverified is refused; a verified or unstated one signs in", async () => {
  const org = await createOrganization("oidc-org", "OIDC");
  await addMember(org.id, { email: "sso@oidc.test", role: "VIEWER", password: "some-password" }, { userId: null, apiKeyId: null });
  const signIn = authOptions().callbacks!.signIn!;
  const attempt = (profile: Record<string, unknown>, email = "sso@oidc.test") =>
    signIn({
      user: { id: "sub-1", email },
      account: { provider: "oidc", type: "oauth", providerAccountId: "sub-1" },
      profile: { sub: "sub-1", email, ...profile },
    });
  expect(await attempt({ email_verified: false })).toBe(false);
  expect(await attempt({ email_verified: true })).toBe(true);
  expect(await attempt({})).toBe(true);
  expect(await attempt({ email_verified: true }, "stranger@oidc.test")).toBe(false);
});
