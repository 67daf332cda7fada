import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "spendline-demo";
export const USERS = {
  ADMIN: "admin@demo.spendline.dev",
  FINANCE: "finance@demo.spendline.dev",
  ENGINEERING_LEAD: "lead@demo.spendline.dev",
  VIEWER: "viewer@demo.spendline.dev",
} as const;

export type DemoRole = keyof typeof USERS;

/** Signs in through the real form and waits for the dashboard shell. */
export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
