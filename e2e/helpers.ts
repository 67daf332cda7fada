import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import { FIXTURE_PASSWORD, type FixtureFile, type FixtureKey } from "./fixtures";
import type { Role } from "../lib/auth/roles";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-story";

/** The demo organisation's users, by role: for read-only specs (writing specs use fixtureOrg). */
export const USERS = Object.fromEntries(DEMO_USERS.map((u) => [u.role, u.email])) as Record<Role, string>;

export type DemoRole = Role;
export type Account = { email: string; password: string };

export type FixtureOrg = { slug: string; name: string; user: (role: Role) => Account };

let loaded: FixtureFile | null = null;

/** An organisation the harness created for this run (e2e/fixtures.ts, docs/decisions/030). */
export function fixtureOrg(key: FixtureKey): FixtureOrg {
  const file = process.env.E2E_FIXTURES_FILE;
  if (!file) throw new Error("E2E_FIXTURES_FILE is not set: run the specs through playwright.config.ts");
  loaded ??= JSON.parse(fs.readFileSync(file, "utf8")) as FixtureFile;
  const org = loaded.orgs[key];
  if (!org) throw new Error(`no fixture organisation "${key}" in ${file}`);
  return {
    slug: org.slug,
    name: org.name,
    user: (role) => {
      const email = org.users[role];
      if (!email) throw new Error(`fixture "${key}" has no ${role} (add one to its members in e2e/fixtures.ts)`);
      return { email, password: FIXTURE_PASSWORD };
    },
  };
}

/** Signs in through the real form, as a demo role or a fixture's user, and waits for the dashboard shell. */
export async function signIn(page: Page, who: DemoRole | Account) {
  const { email, password } = typeof who === "string" ? { email: USERS[who], password: DEMO_PASSWORD } : who;
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** A 6-decimal USD amount ("1234.565000") as the pages show totals: "$1,234.56", half-even to cents. */
export function usdCents(amount: string): string {
  const [i, f = ""] = amount.replace(/^-/, "").split(".");
  let c = BigInt(i) * 100n + BigInt(f.padEnd(2, "0").slice(0, 2));
  const rest = f.slice(2).replace(/0+$/, ""); // the digits past the cent: above, at or below one half
  if (rest > "5" || (rest === "5" && c % 2n === 1n)) c += 1n;
  const int = (c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount.startsWith("-") ? "-" : ""}$${int}.${(c % 100n).toString().padStart(2, "0")}`;
}

/**
 * Headers for a signed-in write made with `page.request` (not by the page itself): browsers
 * send Origin on every write and Spendline refuses session writes without it (CSRF, docs/security.md).
 */
export const SAME_ORIGIN = { origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` };
