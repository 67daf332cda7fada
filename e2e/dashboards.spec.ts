import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn, usdCents } from "./helpers";
import { DAY_MS } from "../lib/time";

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(Date.now() - n * DAY_MS);
/** A count as the tables show it ("12,345"). */
const count = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Sums a CSV money column exactly (6-decimal strings → micro-dollars). */
function csvTotal(csv: string, column: string): bigint {
  const [head, ...lines] = csv.trim().split(/\r?\n/);
  const idx = head.split(",").indexOf(column);
  expect(idx, `CSV has a ${column} column`).toBeGreaterThanOrEqual(0);
  return lines.reduce((s, line) => {
    const [int, frac = ""] = line.split(",")[idx].split(".");
    return s + BigInt(int) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
  }, 0n);
}

/** Micro-dollars as the API writes amounts ("1234.560000"). */
const decimal = (micro: bigint) => `${micro / 1_000_000n}.${(micro % 1_000_000n).toString().padStart(6, "0")}`;

test("FINANCE changes the period and a filter, reloads, sees the same view, and the CSV adds up to the page", async ({ page }) => {
  await signIn(page, "FINANCE");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByTestId("page-total")).toBeVisible();

  const from = daysAgo(45);
  const last = daysAgo(5);
  // one change at a time, each seen in the address bar before the next (a date typed while the
  // previous change re-renders the bar can be lost: see the session note)
  await page.getByLabel("From", { exact: true }).fill(from);
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await page.getByLabel("To (inclusive)", { exact: true }).fill(last);
  await expect(page).toHaveURL(new RegExp(`to=${iso(Date.parse(last) + DAY_MS)}`));
  await page.getByLabel("Feature", { exact: true }).selectOption("support_chatbot");
  await expect(page).toHaveURL(/feature=support_chatbot/);
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  const feature = page.getByRole("region", { name: "Cost by feature" });
  await expect(feature.getByRole("cell", { name: "support_chatbot" })).toBeVisible();
  await expect(feature.getByRole("cell", { name: "doc_analysis" })).toHaveCount(0);
  const total = await page.getByTestId("page-total").innerText();
  const url = page.url();
  // the figures are the read API's for the same filters (the query string is the API's)
  const overview = (await (await page.request.get(`/api/v1/metrics/overview${new URL(url).search}`)).json()) as {
    totals: { total_cost_usd: string; events: number };
  };
  expect(total).toBe(usdCents(overview.totals.total_cost_usd));
  const events = page.locator(".stat").filter({ has: page.getByText("Events", { exact: true }) });
  await expect(events.locator(".value")).toHaveText(count(overview.totals.events));

  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(from);
  await expect(page.getByLabel("To (inclusive)", { exact: true })).toHaveValue(last);
  await expect(page.getByLabel("Feature", { exact: true })).toHaveValue("support_chatbot");
  await expect(page.getByTestId("page-total")).toHaveText(total);

  const [download] = await Promise.all([page.waitForEvent("download"), feature.getByRole("button", { name: /Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^cost-by-feature_.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(usdCents(decimal(csvTotal(csv, "cost_usd")))).toBe(total);
});

test("every dashboard shows what the read API answers for its filters, and keeps them in the URL", async ({ page }) => {
  test.setTimeout(120_000); // four pages rendered twice each (a reload) beside five API reads
  await signIn(page, "FINANCE");
  const period = `from=${daysAgo(90)}&to=${daysAgo(-1)}`;
  const api = async (metric: string) => {
    const res = await page.request.get(`/api/v1/metrics/${metric}${metric.includes("?") ? "&" : "?"}${period}`);
    expect(res.ok()).toBe(true);
    return res.json();
  };
  type Row = { feature: string; interactions: number; total_cost_usd: string; input_tokens: number; units: number };
  type Tenant = { tenant_id: string; events: number };
  // per page: the API's first row → its name and figures as the table shows them
  for (const [path, heading, metric, first] of [
    [
      "/cost-per-interaction",
      "Cost per interaction by feature",
      "cost-per-interaction?group_by=feature",
      (d: { features: Row[] }) => [d.features[0].feature, count(d.features[0].interactions), usdCents(d.features[0].total_cost_usd)],
    ],
    [
      "/efficiency",
      "Efficiency and quality per feature",
      "token-efficiency?group_by=feature",
      (d: { groups: Row[] }) => [d.groups[0].feature, count(d.groups[0].input_tokens), usdCents(d.groups[0].total_cost_usd)],
    ],
    [
      "/unit-economics",
      "Unit economics per feature",
      "unit-economics",
      (d: { features: Row[] }) => [d.features[0].feature, count(d.features[0].units)],
    ],
    [
      "/freemium-trap",
      "Free tenants by first-30-day cost",
      "freemium-trap",
      (d: { list: Tenant[] }) => [d.list[0].tenant_id, count(d.list[0].events)],
    ],
  ] as const) {
    await page.goto(`${path}?${period}`);
    const region = page.getByRole("region", { name: heading });
    await expect(region).toBeVisible();
    // the first row the API answers for the same period is on the page, with its figures
    const [name, ...figures] = first(await api(metric));
    const row = region.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^${esc(name)}(\\s|$)`) }) });
    await expect(row).toHaveCount(1);
    for (const figure of figures) await expect(row).toContainText(figure);
    await expect(region.getByRole("button", { name: /Download CSV/ })).toBeEnabled();
    await page.reload();
    expect(new URL(page.url()).search).toContain(period);
  }
  await page.goto(`/anti-patterns?${period}`);
  const fired = (await api("anti-patterns")).fired as number;
  await expect(page.getByText(/checks fired/)).toContainText(`${fired} of`);
});

test("one loading style: every metric dashboard's first paint comes from the server (no read-API call from the browser), and a filter refetches on the client", async ({
  page,
}) => {
  await signIn(page, "ENGINEERING_LEAD");
  const calls: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (/^\/api\/v1\/(metrics|settings)\//.test(u.pathname)) calls.push(u.pathname + u.search);
  });
  for (const [path, ready] of [
    ["/overview", "page-total"],
    ["/cost-per-interaction", "Cost per interaction by feature"],
    ["/efficiency?group_by=team", "Efficiency and quality per team"],
    ["/freemium-trap", "Free tenants by first-30-day cost"],
    ["/unit-economics", "Unit economics per feature"],
    ["/anti-patterns", null],
  ] as const) {
    calls.length = 0;
    await page.goto(path);
    if (ready === "page-total") await expect(page.getByTestId(ready)).toBeVisible();
    else if (ready) await expect(page.getByRole("region", { name: ready })).toBeVisible();
    else await expect(page.getByText(/checks fired/)).toBeVisible();
    // the filter bar's lists are there too: the lead's own team is selected and models are offered
    await expect(page.getByLabel(/^Team/)).toHaveValue("support");
    await expect(page.getByLabel("Model", { exact: true }).locator("option")).not.toHaveCount(1);
    await page.waitForTimeout(300); // a fetch on mount would have started by now
    expect(calls, `${path}: the browser asked the API for its first paint`).toEqual([]);
  }
  // the filters still work on the client: a change asks the API with the URL's filters, and survives a reload
  await page.goto("/unit-economics");
  await expect(page.getByRole("region", { name: "Unit economics per feature" })).toBeVisible();
  const from = daysAgo(6); // "7 days": the last seven days, today included
  const refetch = page.waitForRequest((r) => r.url().includes("/api/v1/metrics/unit-economics?") && r.url().includes(`from=${from}`));
  await page.getByRole("button", { name: "7 days" }).click();
  await refetch;
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  calls.length = 0;
  await page.reload();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(from);
  await expect(page.getByLabel(/^Team/)).toHaveValue("support");
  await expect(page.getByRole("region", { name: "Unit economics per feature" })).toBeVisible();
  await page.waitForTimeout(300);
  expect(calls, "after a reload the filtered view is rendered on the server").toEqual([]);
});
