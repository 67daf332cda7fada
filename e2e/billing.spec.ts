import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn } from "./helpers";

/** The spec's own organisation: last month's OpenAI traffic and the demo's invoices over it (e2e/fixtures.ts). */
const org = fixtureOrg("billing");

function lastMonth(): { month: string; day5: number } {
  const d = new Date();
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return { month: new Date(start).toISOString().slice(0, 7), day5: start / 1000 + 4 * 86_400 };
}

test("FINANCE uploads an invoice file, sees the gap and its largest driver, and applies the true-up", async ({ page }) => {
  const { month, day5 } = lastMonth();
  // the OpenAI Costs API's page as a script saves it: a re-index batch billed on the 5th
  const file = {
    object: "page",
    data: [
      {
        object: "bucket",
        start_time: day5,
        end_time: day5 + 86_400,
        results: [
          {
            object: "organization.costs.result",
            amount: { value: 250.5, currency: "usd" },
            line_item: "text-embedding-3-large, input",
            project_id: "proj_batch",
          },
        ],
      },
    ],
    has_more: false,
    next_page: null,
  };
  await signIn(page, org.user("FINANCE"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices & contracts" }).click();
  await expect(page.getByRole("heading", { name: "Invoices & contracts", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/billing/);

  const form = page.getByRole("region", { name: "Import an invoice" });
  await form.getByLabel("Source").selectOption("openai_costs");
  await form.getByLabel("Provider account").fill("openai-batch");
  await form
    .getByLabel("File")
    .setInputFiles({ name: "openai-costs.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 1 lines for openai-batch");
  await expect(page.getByRole("region", { name: "Imports" }).getByRole("cell", { name: "openai-batch" })).toBeVisible();

  await page.getByLabel("Invoice month (UTC)").fill(month);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}`));
  const gap = page.locator(".stat", { hasText: "Gap" });
  await expect(gap).toContainText("of the invoice");
  await expect(page.locator(".stat", { hasText: "Largest driver" })).toContainText("Spend with no events");
  const drivers = page.getByRole("region", { name: "Gap explained" });
  await expect(drivers.getByRole("cell", { name: /Billed but undelivered streaming tokens/ })).toBeVisible();
  await expect(drivers.getByRole("cell", { name: /Rate difference/ })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "openai: the invoice is" })).toBeVisible();

  const trueUp = page.getByRole("region", { name: "Invoice true-up" });
  await trueUp.getByLabel("Allocate the remainder").selectOption("proportional");
  await trueUp.getByRole("button", { name: /Apply true-up/ }).click();
  await expect(trueUp).toContainText("adds up to the invoice");
  await trueUp.getByRole("link", { name: `chargeback of ${month}` }).click();
  await expect(page.getByRole("columnheader", { name: "Invoice true-up" })).toBeVisible();
});

test("FINANCE records a monthly quota and sees its burn-down; a VIEWER cannot open the page", async ({ page, browser }) => {
  await signIn(page, org.user("FINANCE"));
  await page.goto("/billing");
  const form = page.getByRole("region", { name: "Record a contract" });
  await form.getByLabel("Kind").selectOption("quota");
  await form.getByLabel("Provider").fill("openai");
  await form.getByLabel(/^Model/).fill("o1-mini-2024-09-12");
  await form.getByLabel("Monthly limit").fill("1000");
  await form.getByRole("button", { name: "Record" }).click();
  await expect(form.getByRole("status")).toContainText("Recorded the quota");
  const quotas = page.getByRole("region", { name: "Quotas" });
  const row = quotas.getByRole("row", { name: /openai \/ o1-mini-2024-09-12/ });
  await expect(row).toContainText("1,000 tokens");
  await expect(row.getByText(/^(block|downgrade|allow)$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Commitments" }).getByText("at risk")).toBeVisible();

  const viewer = await browser.newPage();
  await signIn(viewer, org.user("VIEWER"));
  await viewer.goto("/billing");
  await expect(viewer).toHaveURL(/forbidden/);
  await viewer.close();
});
