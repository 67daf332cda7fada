import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** Read-only checks on the demo's coding-agent and shadow-AI stories (lib/demo/seed-agents.ts). */
test("FINANCE sees the doubling CI bill with a flat per-run cost, unused seats and who pays for whose runs", async ({ page }) => {
  await signIn(page, "FINANCE");
  await page.goto("/coding-agents");
  await expect(page.getByRole("heading", { name: "Coding agents", level: 1 })).toBeVisible();
  const shifts = page.getByRole("region", { name: "Shift detector" });
  await expect(shifts.getByText("critical").first()).toBeVisible();
  await expect(shifts.getByText(/Agent CI runs \(per run\)/)).toBeVisible();
  await expect(shifts.getByText(/moved to platform \(from support\)/)).toBeVisible();
  await expect(page.getByRole("group", { name: "Totals" })).toContainText("2 unused");
  await expect(page.getByRole("region", { name: "One team paying for another's agent runs" })).toContainText("platform");
  await expect(page.getByRole("region", { name: "Import coding-agent data" })).toBeVisible();
});

test("an ENGINEERING_LEAD sees their own team's people only, cannot import, and has no Shadow AI page", async ({ page }) => {
  await signIn(page, "ENGINEERING_LEAD");
  await page.goto("/coding-agents");
  await expect(page.getByText(/You see team support only/)).toBeVisible();
  const people = page.getByRole("region", { name: "People" });
  await expect(people).toContainText("ana@northwind.dev");
  await expect(people).not.toContainText("pia@northwind.dev");
  await expect(page.getByRole("region", { name: "Import coding-agent data" })).toHaveCount(0);
  const res = await page.request.get("/api/v1/coding-agents?month=" + new Date().toISOString().slice(0, 7) + "&team=platform");
  expect(res.status()).toBe(403);
  await page.goto("/shadow-ai");
  await expect(page).toHaveURL(/forbidden/);
});

test("FINANCE sees unsanctioned AI spend on cards, each match explained", async ({ page }) => {
  await signIn(page, "FINANCE");
  await page.goto("/shadow-ai");
  await expect(page.getByRole("heading", { name: "Shadow AI", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Unsanctioned AI spend by department" })).toContainText("Marketing");
  await expect(page.getByRole("region", { name: "Every match, explained" })).toContainText('contains "OPENAI *CHATGPT"');
  await expect(page.getByRole("region", { name: "What it would cost under the sanctioned contract" })).toContainText("OpenAI");
});
