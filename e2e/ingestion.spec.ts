import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn } from "./helpers";

/**
 * CSV upload on the Events page, then a back-dated price override that restates exactly those
 * events, in the spec's own (empty) organisation; the price-book reader uses the demo.
 */
const org = fixtureOrg("ingestion");

test("CSV upload stores valid rows, reports the invalid one; a back-dated override restates them", async ({ page }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const model = `e2e-private-${run}`;
  const csv = [
    "id,timestamp,feature,team,model,usage.input_tokens,usage.output_tokens,tenant.id,tenant.tier,outcome",
    `e2e-${run}-1,2024-01-10T10:00:00Z,e2e_feature,e2e_team,${model},1000000,0,t-1,pro,success`,
    `e2e-${run}-2,2024-01-11T10:00:00Z,e2e_feature,e2e_team,${model},1000000,1000000,t-1,pro,success`,
    `e2e-${run}-3,2024-01-12T10:00:00Z,e2e_feature,e2e_team,${model},-3,0,,,unknown`,
  ].join("\n");

  await signIn(page, org.user("ADMIN"));
  await page.goto("/events");
  await expect(page.getByRole("table", { name: "Events" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "events.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const status = page.getByRole("status").filter({ hasText: "stored" });
  await expect(status).toContainText("2 stored, 0 duplicates, 1 rejected");
  await expect(status).toContainText("line 4");
  await expect(status).toContainText("usage.input_tokens: expected integer ≥ 0");
  const download = page.waitForEvent("download");
  await status.getByRole("button", { name: "Download error report" }).click();
  expect((await download).suggestedFilename()).toBe("spendline-upload-errors.csv");

  // filters live in the URL; the new events are unpriced (no catalog price, no cost_usd)
  await page.getByLabel("Event id", { exact: true }).fill(`e2e-${run}-2`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`id=e2e-${run}-2`));
  const table = page.getByRole("table", { name: "Events" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("unpriced");

  // price the private model from 2024-01-01: a restatement job with a progress bar
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Price book", exact: true }).click();
  await page.getByRole("button", { name: "Add override" }).click();
  await page.getByLabel("Model", { exact: true }).fill(model);
  await page.getByLabel("Kind", { exact: true }).selectOption("rates");
  await page.getByLabel("Input USD / 1M tokens").fill("1.5");
  await page.getByLabel("Output USD / 1M tokens").fill("2");
  await page.getByLabel("Effective from").fill("2024-01-01");
  await page.getByLabel("Note", { exact: true }).fill("self-hosted, e2e");
  await page.getByRole("button", { name: "Save override" }).click();
  const job = page.getByLabel("Restatement");
  await expect(job.getByRole("heading", { name: "Restatement finished" })).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  // 1.5 + (1.5 + 2) = $5.00 moved onto the two events
  await expect(job).toContainText("+$5.000000");
  await expect(job.getByRole("table", { name: "What moved" })).toContainText("e2e_feature");
  await expect(page.getByRole("table", { name: "Change history" })).toContainText(model);

  await page.goto(`/events?id=e2e-${run}-2`);
  await expect(page.getByRole("table", { name: "Events" })).toContainText("$3.500000");
});

test("a new organisation's first CSV upload keeps its result on screen when the events appear", async ({ page }) => {
  const first = fixtureOrg("firstUpload");
  const csv = [
    "id,timestamp,feature,team,model,usage.input_tokens,usage.output_tokens,cost_usd,outcome",
    "first-1,2024-02-01T10:00:00Z,first_feature,first_team,gpt-4o-mini-2024-07-18,1000,100,0.25,success",
    "first-2,2024-02-01T11:00:00Z,first_feature,first_team,gpt-4o-mini-2024-07-18,-1,100,0.25,success",
  ].join("\n");
  await signIn(page, first.user("ADMIN"));
  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "No events yet" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "events.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // the page refreshes into its list of events; the upload's report must survive that
  await expect(page.getByRole("table", { name: "Events" })).toContainText("first-1");
  const status = page.getByRole("status").filter({ hasText: "stored" });
  await expect(status).toContainText("1 stored, 0 duplicates, 1 rejected");
  await expect(status).toContainText("line 3");
  await expect(status.getByRole("button", { name: "Download error report" })).toBeVisible();
});

test("FINANCE reads the price book but cannot change it", async ({ page }) => {
  await signIn(page, "FINANCE");
  await page.goto("/price-book");
  await expect(page.getByText("only admins change overrides")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add override" })).toHaveCount(0);
  await page.getByLabel("Search the catalog").fill("claude-3-5-sonnet");
  await expect(page.getByRole("table", { name: "Catalog models" })).toContainText("claude-3-5-sonnet");
});
