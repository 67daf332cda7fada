import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn } from "./helpers";

/** Writes (close, reopen, a shared cost) go to the spec's own organisation; the budgets test reads the demo. */
const org = fixtureOrg("chargeback");

function lastMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

test("FINANCE reads last month's chargeback (the default month), closes it; an ADMIN reopens it with a reason", async ({
  page,
  browser,
}) => {
  await signIn(page, org.user("FINANCE"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chargeback", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Chargeback", level: 1 })).toBeVisible();

  // the chargeback opens on the last full month, like the board report and billing
  const month = lastMonth();
  await expect(page.getByLabel("Month (UTC)")).toHaveValue(month);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}`));
  const table = page.getByRole("region", { name: `Per team, ${month}` });
  // the fixture's last month: support $30.00 + $12.50, an untagged $7.25 (e2e/fixtures.ts)
  await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: "support", exact: true }) })).toContainText("$42.50");
  await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: "unallocated" }) })).toContainText("$7.25");
  await expect(page.getByRole("link", { name: /Chargeback CSV/ })).toHaveAttribute(
    "href",
    `/api/v1/reports/chargeback?month=${month}&format=csv`,
  );
  await expect(page.getByRole("link", { name: /FOCUS CSV/ })).toBeVisible();

  page.on("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Close month" }).click();
  await expect(page.getByText(/^Closed \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await expect(page.getByRole("region", { name: /Late arrivals: 0 events/ })).toBeVisible();
  // finance closes; reopening restates what finance reported, so it is an admin's, with a reason
  await expect(page.getByRole("button", { name: /Reopen/ })).toHaveCount(0);
  await expect(page.getByText("Closed: only an admin can reopen it.")).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, org.user("ADMIN"));
  await admin.goto(`/chargeback?month=${month}`);
  await admin.getByRole("button", { name: "Reopen month…" }).click();
  await admin.getByLabel(`Why reopen ${month}? (recorded in the audit log)`).fill("late events from the batch job");
  await admin.getByRole("button", { name: `Reopen ${month}` }).click();
  await expect(admin.getByRole("button", { name: "Close month" })).toBeVisible();
  await admin.goto("/admin/audit-log");
  await expect(admin.getByRole("row").filter({ hasText: "chargeback.reopen" })).toContainText("late events from the batch job");
  await admin.close();
});

test("a VIEWER sees budgets with forecasts and guardrails but no management controls", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/budgets");
  const budgets = page.getByRole("region", { name: "Budgets and rate limits" });
  await expect(budgets.getByRole("columnheader", { name: "Month-end forecast" })).toBeVisible();
  await expect(budgets.getByText("code_review_agent")).toBeVisible();
  await expect(page.getByRole("region", { name: "Guardrails per feature" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Kill switch/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Set a budget" })).toHaveCount(0);
});

test("FINANCE adds a shared cost that shows up on the Shared costs page", async ({ page }) => {
  await signIn(page, org.user("FINANCE"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shared costs" }).click();
  const name = `E2E harness ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Amount (USD)").fill("123.45");
  await page.getByLabel("Allocation rule").selectOption("even");
  await page.getByRole("button", { name: "Add cost" }).click();
  await expect(page.getByRole("status")).toContainText(name);
  await expect(page.getByRole("region", { name: "Fixed and shared costs" }).getByRole("cell", { name, exact: true })).toBeVisible();
});
