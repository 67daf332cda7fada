import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fixtureOrg, signIn, usdCents } from "./helpers";

/**
 * An export is audited (a write), so the spec works in its own organisation: last month's events
 * support $120.00, knowledge $80.00, platform $45.50 and a $60.00 shared cost (e2e/fixtures.ts).
 */
const org = fixtureOrg("boardReport");

/** The last complete month (UTC): the page's default and the fixture's month. */
function lastCompleteMonth(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\$]/g, "\\$&");

type Chargeback = {
  total_usd: string;
  events_usd: string;
  fixed_costs_usd: string;
  rows: { team: string; direct_usd: string; allocated_usd: string; total_usd: string }[];
};

test("FINANCE exports the board PDF; its total and every team's total equal the chargeback API", async ({ page }) => {
  test.setTimeout(180_000);
  const month = lastCompleteMonth();
  await signIn(page, org.user("FINANCE"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board report", exact: true }).click();
  await expect(page.getByLabel("Month")).toHaveValue(month);

  const download = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByRole("button", { name: "Export PDF" }).click();
  await expect(page.getByRole("progressbar", { name: "Rendering the PDF" })).toBeVisible();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "board-")), "report.pdf");
  await (await download).saveAs(file);
  await expect(page.getByRole("status")).toContainText("Downloaded");

  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+/); // A4

  const cb = (await (await page.request.get(`/api/v1/reports/chargeback?month=${month}`)).json()) as Chargeback;
  expect(cb.rows.map((r) => r.team).sort()).toEqual(["knowledge", "platform", "support", "unallocated"]);
  expect([cb.events_usd, cb.fixed_costs_usd, cb.total_usd]).toEqual(["245.500000", "60.000000", "305.500000"]);
  expect(text).toContain("$305.50");
  // headline total (cents) and the exact reconciliation line
  expect(text).toContain(usdCents(cb.total_usd));
  expect(text).toMatch(new RegExp(`Month total\\s+${esc(cb.events_usd)}\\s+${esc(cb.fixed_costs_usd)}\\s+${esc(cb.total_usd)}`));
  for (const row of cb.rows) {
    // exact figures in the reconciliation table…
    expect(text).toMatch(
      new RegExp(`^\\s*${esc(row.team)}\\s+${esc(row.direct_usd)}\\s+${esc(row.allocated_usd)}\\s+${esc(row.total_usd)}\\s*$`, "m"),
    );
    // …and the same amounts in cents in the chargeback table
    expect(text).toMatch(
      new RegExp(
        `^\\s*${esc(row.team)}\\s+${esc(usdCents(row.direct_usd))}\\s+${esc(usdCents(row.allocated_usd))}\\s+${esc(usdCents(row.total_usd))}\\s`,
        "m",
      ),
    );
  }
  expect(text).toMatch(/Page 1 of \d+/);
  expect(text).toContain("Data cut-off");
  // the coding-agent and shadow-AI section, numbered from the one list; this organisation has neither
  expect(text).toContain("11. Coding agents and shadow AI");
  expect(text).toContain("No coding-agent seats");
  expect(text).toContain("no shadow-AI audit yet");
});

test("US Letter is honoured", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, org.user("ADMIN"));
  const res = await page.request.get(`/api/v1/reports/board?month=${lastCompleteMonth()}&paper=letter`, { timeout: 110_000 });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "board-")), "letter.pdf");
  fs.writeFileSync(file, await res.body());
  expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+612 x 792/);
});

test("an ENGINEERING_LEAD may not export; the print page needs a session or a valid token", async ({ page, browser }) => {
  await signIn(page, org.user("ENGINEERING_LEAD"));
  const res = await page.request.get(`/api/v1/reports/board?month=${lastCompleteMonth()}`);
  expect(res.status()).toBe(403);
  await page.goto(`/reports/board?month=${lastCompleteMonth()}`);
  await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();

  const anon = await browser.newPage();
  await anon.goto(`/reports/board?month=${lastCompleteMonth()}&token=forged.token`);
  await expect(anon).toHaveURL(/\/signin/);
  await anon.close();
});
