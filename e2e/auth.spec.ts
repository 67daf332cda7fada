import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn, USERS, type DemoRole, SAME_ORIGIN } from "./helpers";

/** Navigation and refusals read the demo; keys and members are created in the spec's own organisation. */
const org = fixtureOrg("auth");

const NAV_EXPECTATIONS = {
  ADMIN: { shown: ["Overview", "Chargeback", "Price book", "Settings", "Members", "API keys", "Audit log"], hidden: [] },
  FINANCE: { shown: ["Overview", "Chargeback", "Price book", "Board report", "Settings"], hidden: ["Members", "API keys"] },
  ENGINEERING_LEAD: { shown: ["Overview", "Assessment", "Settings"], hidden: ["Members", "API keys", "Price book", "Board report"] },
  VIEWER: { shown: ["Overview", "Events", "Assessment"], hidden: ["Members", "API keys", "Settings", "Price book", "Board report"] },
} as const;

for (const [role, { shown, hidden }] of Object.entries(NAV_EXPECTATIONS)) {
  test(`${role} signs in and sees their navigation`, async ({ page }) => {
    await signIn(page, role as DemoRole);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of shown) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of hidden) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
  });
}

test("a wrong password is refused with a message that says what to do", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS.ADMIN);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next adds an empty role=alert route announcer: pick ours by its text)
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong" })).toBeVisible();
});

test("signed-out visitors are sent to sign-in", async ({ page }) => {
  await page.goto("/admin/members");
  await expect(page).toHaveURL(/\/signin/);
});

test("a VIEWER is refused the admin pages and the admin API", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/admin/members");
  await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
  await expect(page.getByText(USERS.ADMIN)).toHaveCount(0);
  const res = await page.request.get("/api/v1/admin/members");
  expect(res.status()).toBe(403);
  const body = await res.json();
  expect(body.error.code).toBe("forbidden");
  const keys = await page.request.post("/api/v1/admin/api-keys", {
    headers: SAME_ORIGIN,
    data: { name: "sneaky", scopes: ["admin"] },
  });
  expect(keys.status()).toBe(403);
  expect((await keys.json()).error.message).toMatch(/may not/);
});

test("an ADMIN creates an API key, it works, and after revoking it is refused", async ({ page, request }) => {
  await signIn(page, org.user("ADMIN"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  const name = `e2e key ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: "admin" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^sl_[A-Za-z0-9_-]{40,}$/);

  const ok = await request.get("/api/v1/admin/api-keys", { headers: { Authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  // the list never contains the key itself
  expect(JSON.stringify(await ok.json())).not.toContain(key);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText("revoked")).toBeVisible();

  const refused = await request.get("/api/v1/admin/api-keys", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test("an ADMIN invites a member, who accepts the link with their own password and joins with the given role", async ({ page, browser }) => {
  await signIn(page, org.user("ADMIN"));
  await page.goto("/admin/members");
  const email = `new-${Date.now()}@${org.slug}.e2e.spendline.dev`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("FINANCE");
  await expect(page.getByLabel(/password/i)).toHaveCount(0);
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${email}`);
  await expect(page.getByRole("status")).toContainText("Spendline sends no email");
  const link = await page.getByLabel(/Invite link for/).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  // pending until accepted: listed, not yet a member
  await expect(
    page.getByRole("region", { name: "Invites not yet accepted" }).getByRole("cell", { name: email, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Members" }).getByRole("cell", { name: email, exact: true })).toHaveCount(0);

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(link);
  await expect(other.getByText(`You are invited to ${org.name}`)).toBeVisible();
  await other.getByLabel("Choose a password").fill("a-good-password");
  await other.getByLabel("Type it again").fill("a-good-password");
  await other.getByRole("button", { name: "Create my account and join" }).click();
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Price book" })).toBeVisible();
  // the link works once
  await other.goto(link);
  await expect(other.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await ctx.close();

  await page.reload();
  await expect(page.getByRole("region", { name: "Members" }).getByRole("cell", { name: email, exact: true })).toBeVisible();
});

test("a person with an account accepts an invite by signing in, then switches between their organisations", async ({ page, browser }) => {
  // someone who already belongs to another organisation (the billing fixture's viewer)
  const person = fixtureOrg("billing").user("VIEWER");
  await signIn(page, org.user("ADMIN"));
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Role", { exact: true }).selectOption("FINANCE");
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByRole("status")).toContainText("already has a Spendline account");
  const link = await page.getByLabel(/Invite link for/).inputValue();

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(link);
  await p.getByRole("link", { name: `Sign in as ${person.email}` }).click();
  await p.getByLabel("Email").fill(person.email);
  await p.getByLabel("Password").fill(person.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  // back on the invite, signed in: accepting asks for no password
  await expect(p.getByRole("button", { name: "Accept and join" })).toBeVisible();
  await expect(p.getByLabel(/password/i)).toHaveCount(0);
  await p.getByRole("button", { name: "Accept and join" }).click();
  const nav = p.getByRole("navigation", { name: "Main" });
  await expect(nav.locator(".brand")).toContainText(org.name);
  await expect(nav.getByRole("link", { name: "Price book" })).toBeVisible();

  // the switcher lists both organisations; the viewer membership has no price book
  const switcher = p.getByLabel("Organisation");
  await expect(switcher.locator("option")).toHaveCount(2);
  await switcher.selectOption({ label: fixtureOrg("billing").name });
  await p.getByRole("button", { name: "Switch" }).click();
  await expect(nav.locator(".brand")).toContainText(fixtureOrg("billing").name);
  await expect(nav.getByRole("link", { name: "Price book" })).toHaveCount(0);
  await ctx.close();
});

test("repeated wrong passwords lock the account for a while, and the form says so", async ({ page }) => {
  // an address of its own (existing or not makes no difference to the answer)
  const email = `locked-${Date.now()}@${org.slug}.e2e.spendline.dev`;
  await page.goto("/signin");
  const alert = page.getByRole("alert").filter({ hasText: /Email or password is wrong|Too many failed sign-ins/ });
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toContainText("Email or password is wrong");
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toContainText(/try again in \d+ seconds/);
});
