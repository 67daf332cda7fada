import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn } from "./helpers";

/** The spec's own organisation: last month's OpenAI traffic and the demo's invoices over it (e2e/fixtures.ts). */
const org = fixtureOrg("billing");

function lastMonth(): { month: string; day5: number; first: number; last: number; days: number } {
  const d = new Date();
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const days = (end - start) / 86_400_000;
  return {
    month: new Date(start).toISOString().slice(0, 7),
    day5: start / 1000 + 4 * 86_400,
    first: start / 1000,
    last: end / 1000 - 86_400,
    days,
  };
}

/** A small platform charge on one day (makes a file reach the month's first and last day). */
const fee = (start: number) => ({
  object: "bucket",
  start_time: start,
  end_time: start + 86_400,
  results: [{ object: "organization.costs.result", amount: { value: 0.01, currency: "usd" }, line_item: "gpt-4o-mini-2024-07-18, input" }],
});

test("FINANCE uploads an invoice file, sees the gap and its largest driver, and applies the true-up", async ({ page }) => {
  const { month, day5, first, last, days } = lastMonth();
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
  // the story's invoice and this file cover the 3rd to the 20th: compared on those days, no alert, no true-up yet
  await expect(page.getByTestId("partial-invoice")).toContainText(`covers 18 of ${days} days`);
  await expect(page.getByRole("button", { name: /Apply true-up/ })).toHaveCount(0);

  // the rest of the month arrives: the same account's file from the 1st to the last day
  await form.getByLabel("Source").selectOption("openai_costs");
  await form.getByLabel("Provider account").fill("openai-batch");
  const whole = { ...file, data: [fee(first), ...file.data, fee(last)] };
  await form
    .getByLabel("File")
    .setInputFiles({ name: "openai-costs.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(whole)) });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 3 lines for openai-batch");
  await page.reload();
  await expect(page.getByTestId("partial-invoice")).toHaveCount(0);
  const gap = page.locator(".stat", { hasText: "Gap" });
  await expect(gap).toContainText("of the invoice");
  await expect(page.locator(".stat", { hasText: "Largest driver" })).toContainText("Spend with no events");
  const drivers = page.getByRole("region", { name: "Gap explained" });
  await expect(drivers.getByRole("cell", { name: /Billed but undelivered streaming tokens/ })).toBeVisible();
  await expect(drivers.getByRole("cell", { name: /Rate difference/ })).toBeVisible();
  const alert = page.getByRole("alert").filter({ hasText: "openai: the invoice is" });
  await expect(alert).toBeVisible();
  // the card says what it covers (this organisation invoices one provider: the card is its gap, the
  // alert's figure; with several, the card lists each one's gap, components/billing/gap-summary.test.ts)
  const alertShare = /\((-?[\d.]+%)\)/.exec(await alert.innerText())?.[1];
  expect(alertShare).toBeTruthy();
  await expect(gap.locator(".label")).toHaveText("Gap, openai");
  await expect(gap.locator(".sub")).toContainText(`${alertShare} of the invoice`);
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
