import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fixtureOrg, signIn, SAME_ORIGIN } from "./helpers";

/**
 * The page sweeps (phones, accessibility, chart tables, a bad date range) read the demo's rich
 * data; the tests that change settings, budgets and members use the spec's own organisation.
 */
const org = fixtureOrg("polish");

/** Every page of the product an admin can open (the navigation), plus sign-in. */
const PAGES: [string, string][] = [
  ["/overview", "Overview"],
  ["/cost-per-interaction", "Cost per interaction"],
  ["/efficiency", "Efficiency"],
  ["/freemium-trap", "Freemium trap"],
  ["/unit-economics", "Unit economics"],
  ["/anti-patterns", "Anti-patterns"],
  ["/chargeback", "Chargeback"],
  ["/budgets", "Budgets & alerts"],
  ["/costs", "Shared costs"],
  ["/assessment", "Readiness assessment"],
  ["/reports", "Board report"],
  ["/events", "Events"],
  ["/price-book", "Price book"],
  ["/settings", "Settings"],
  ["/admin/members", "Members"],
  ["/admin/api-keys", "API keys"],
  ["/admin/audit-log", "Audit log"],
];

/** Waits until the page's data has loaded (no skeleton left). */
async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".skeleton")).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Every control of the page's main area that is shown (buttons, links, inputs, selects, summaries)
 * can be reached and clicked: scrolled into view, its centre is on screen and the topmost element
 * there is the control itself (or its label), not a badge, a sticky bar or a neighbour. One
 * evaluate per page keeps the sweep fast; Playwright's own actionability check (a trial click)
 * confirms a sample of each page's controls.
 */
async function unclickableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SEL = "main button, main a[href], main input:not([type=hidden]), main select, main textarea, main summary";
    const bad: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} “${(el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? "").trim().slice(0, 40)}”`;
    for (const el of [...document.querySelectorAll<HTMLElement>(SEL)]) {
      if ((el as HTMLButtonElement).disabled) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) continue;
      if (el.closest("details:not([open])") && !el.matches("summary")) continue;
      if (el.getClientRects().length === 0) continue;
      el.scrollIntoView({ block: "center", inline: "center" });
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue; // visually hidden inputs (their label is the control)
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        bad.push(`${name(el)} is off-screen (${Math.round(x)}, ${Math.round(y)})`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      const labels = [...((el as HTMLInputElement).labels ?? [])];
      if (hit && (el === hit || el.contains(hit) || labels.some((l) => l.contains(hit)))) continue;
      bad.push(`${name(el)} is covered by ${hit ? `${hit.tagName.toLowerCase()}.${(hit as HTMLElement).className}` : "nothing"}`);
    }
    return bad;
  });
}

test("phones: at 390 px no page scrolls sideways, every control is visible and clickable; the navigation folds behind a Menu button", async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "ADMIN");
  for (const [href] of [...PAGES, ["/billing"], ["/opportunities"], ["/admin/data-retention"]]) {
    await page.goto(href);
    await settle(page);
    expect.soft(await unclickableControls(page), `${href}: controls that cannot be clicked at 390 px`).toEqual([]);
    // Playwright's actionability check (visible, stable, enabled, receives the click) on a sample
    const controls = page.locator("main").locator("button:enabled, a[href], select:enabled, input:enabled:not([type=hidden])");
    const n = await controls.count();
    for (let i = 0; i < Math.min(n, 12); i++) {
      const c = controls.nth(Math.floor((i * n) / Math.min(n, 12)));
      if (!(await c.isVisible())) continue;
      await c.click({ trial: true, timeout: 3_000 }).catch((e: Error) => expect.soft(e.message, `${href}: trial click`).toBe(""));
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const { scroll, client, wide } = await page.evaluate(() => {
      const doc = document.documentElement;
      // the elements that stick out past the right edge, for the failure message
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.closest(".table-wrap, pre, .key-once"))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`);
      return { scroll: doc.scrollWidth, client: doc.clientWidth, wide };
    });
    expect.soft(scroll, `${href} overflows horizontally: ${wide.join(", ")}`).toBeLessThanOrEqual(client);
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview", exact: true })).toBeHidden();
  await nav.getByRole("button", { name: /Menu/ }).click();
  await nav.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page).toHaveURL(/\/overview/);
  await expect(nav.getByRole("link", { name: "Overview", exact: true })).toBeHidden();
});

test("accessibility: every page has one title, a skip link first, and no serious or critical axe violation", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/signin");
  await expect(page).toHaveTitle("Sign in · Spendline");
  const signinAxe = await new AxeBuilder({ page }).analyze();
  expect(
    signinAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`),
  ).toEqual([]);
  await signIn(page, "ADMIN");
  for (const [href, title] of PAGES) {
    await page.goto(href);
    await settle(page);
    await expect(page).toHaveTitle(`${title} · Spendline`);
    expect(await page.locator("head > title").count(), `${href}: one <title>`).toBe(1);
    // open every "Show as table" so its table is checked too
    for (const d of await page.locator("details").all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect
      .soft(
        bad.map(
          (v) =>
            `${href} ${v.id} (${v.impact}): ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(" | ")}`,
        ),
      )
      .toEqual([]);
  }
  await page.goto("/overview");
  await settle(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("From", { exact: true })).toBeFocused();
});

test("chart tables show money with a currency; anti-patterns say which whole weeks they judged", async ({ page }) => {
  await signIn(page, "FINANCE");
  await page.goto("/overview");
  await settle(page);
  await page.getByText("Show as table").nth(1).click();
  const cell = page.getByRole("table", { name: "Top features" }).getByRole("row").nth(1).getByRole("cell").nth(1);
  await expect(cell).toHaveText(/^\$[\d,]+\.\d{2,4}$/);
  await page.goto("/anti-patterns");
  await expect(page.getByTestId("trend-windows")).toContainText(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} vs .* \(whole weeks\)/);
  await expect(page.getByText("unit margin before usd")).toHaveCount(0);
});

test("an engineering lead: dashboards default to their team, filters offer known values, and only their team's features can be changed", async ({
  page,
}) => {
  await signIn(page, org.user("ENGINEERING_LEAD"));
  await page.goto("/overview");
  await settle(page);
  await expect(page.getByLabel(/^Team/)).toHaveValue("support");
  await expect(page.getByLabel("Model", { exact: true }).locator("option")).not.toHaveCount(1);
  await page.getByLabel(/^Team/).selectOption("");
  await expect(page).toHaveURL(/team=all/);

  const put = (feature: string, data: unknown) => page.request.put(`/api/v1/settings/features/${feature}`, { headers: SAME_ORIGIN, data });
  expect((await put("doc_analysis", { review_threshold_usd: "0.2" })).status()).toBe(403);
  expect((await put("support_chatbot", { owner_team: "growth" })).status()).toBe(403);
  const own = await put("support_chatbot", { review_threshold_usd: "0.10" });
  expect(own.status()).toBe(200);
  const kill = await page.request.put("/api/v1/guardrails/policies", {
    headers: SAME_ORIGIN,
    data: { feature: "code_review_agent", kill_switch: true },
  });
  expect(kill.status()).toBe(403);
  expect((await kill.json()).error.message).toMatch(/belongs to team platform/);
});

test("phones: chart labels never touch and axis titles fit; long lists come a page at a time, their CSV whole", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "ADMIN");
  await page.goto("/efficiency");
  const chart = page.getByRole("img", { name: /Token efficiency beside quality/ });
  await expect(chart.locator(".recharts-xAxis-tick-labels text").first()).toBeVisible();
  const geometry = await chart.evaluate((el) => {
    const svg = el.querySelector(".recharts-wrapper > svg")!.getBoundingClientRect();
    const ticks = [...el.querySelectorAll<SVGTextElement>(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")].map((t) => {
      const angle = Number(/rotate\((-?[\d.]+)/.exec(t.getAttribute("transform") ?? "")?.[1] ?? 0);
      const b = t.getBoundingClientRect();
      return { text: t.textContent, x: Number(t.getAttribute("x")), angle, left: b.left, right: b.right };
    });
    // Recharts lifts labels into z-index layers: the only axis title in this chart is the right one's
    const title = el.querySelector(".recharts-label");
    const tb = title?.getBoundingClientRect();
    return {
      ticks,
      svgTop: svg.top,
      svgBottom: svg.bottom,
      title: tb ? { top: tb.top, bottom: tb.bottom, text: title!.textContent } : null,
    };
  });
  for (let i = 1; i < geometry.ticks.length; i++) {
    const [a, b] = [geometry.ticks[i - 1], geometry.ticks[i]];
    // level labels must not overlap; leaning ones must be a line (11 px type) apart, measured across them
    if (b.angle === 0) expect(a.right, `${a.text} runs into ${b.text}`).toBeLessThanOrEqual(b.left);
    else expect((b.x - a.x) * Math.abs(Math.sin((b.angle * Math.PI) / 180)), `${a.text} touches ${b.text}`).toBeGreaterThanOrEqual(11);
  }
  if (geometry.title) {
    expect(geometry.title.top, `right axis title "${geometry.title.text}" is cut at the top`).toBeGreaterThanOrEqual(geometry.svgTop);
    expect(geometry.title.bottom, `right axis title "${geometry.title.text}" is cut at the bottom`).toBeLessThanOrEqual(geometry.svgBottom);
  }

  await page.goto("/freemium-trap");
  const table = page.getByRole("region", { name: "Free tenants by first-30-day cost" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  const more = page.getByRole("button", { name: /^Show \d+ more \(10 of (\d+) shown\)$/ });
  await expect(more).toBeVisible();
  const total = Number(/of (\d+) shown/.exec((await more.textContent()) ?? "")![1]);
  expect(await table.getByRole("row").count()).toBe(11);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "the Freemium page's height at 390 px").toBeLessThan(3600);
  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: /Download CSV/ }).click()]);
  const lines = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines.length - 1, "the CSV has every tenant, not the page shown").toBe(total);
  await more.click();
  await expect(table.getByRole("row")).toHaveCount(Math.min(total, 35) + 1);
});

test("a reversed date range is explained in the form's terms, without a database hint", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/overview?from=2026-10-05&to=2026-10-02");
  const alert = page.getByRole("alert").first();
  await expect(alert).toContainText("Choose a To date on or after the From date");
  await expect(page.getByText(/database/)).toHaveCount(0);
  await expect(page.getByText(/exclusive/)).toHaveCount(0);
});

test("finance: the current month cannot be closed; budgets check names, confirm and alert at once; the board export uses the month and paper selected", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, org.user("FINANCE"));
  // the chargeback opens on the last full month; the current month is asked for
  await page.goto(`/chargeback?month=${new Date().toISOString().slice(0, 7)}`);
  await expect(page.getByRole("button", { name: "Close month" })).toHaveCount(0);
  await expect(page.getByText(/is not over yet/)).toBeVisible();
  const cur = new Date().toISOString().slice(0, 7);
  const refused = await page.request.post("/api/v1/reports/chargeback/close", { headers: SAME_ORIGIN, data: { month: cur } });
  expect(refused.status()).toBe(409);

  await page.goto("/budgets");
  const form = page.getByRole("region", { name: "Set a budget" });
  await form.getByLabel("Scope").selectOption("team");
  await form.getByLabel("Team", { exact: true }).fill("suport");
  await form.getByLabel("Monthly limit (USD)").fill("1");
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await form.getByRole("button", { name: "Save budget" }).click();
  await expect.poll(() => asked).toMatch(/“suport” is not a known team/);
  await form.getByLabel("Team", { exact: true }).fill("sales");
  await form.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved the soft budget for team sales" })).toContainText("an alert was raised");

  await page.goto("/reports");
  const months = await page
    .getByLabel("Month")
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const earlier = months[2];
  await page.getByLabel("Month").selectOption(earlier);
  await page.getByLabel("Paper").selectOption("letter");
  await expect(page).toHaveURL(new RegExp(`month=${earlier}&paper=letter`));
  const download = page.waitForEvent("download", { timeout: 150_000 });
  await page.getByRole("button", { name: "Export PDF" }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe(`board-report-${earlier}-letter.pdf`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "board-")), "r.pdf");
  await d.saveAs(file);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  expect(info).toMatch(new RegExp(`Title:\\s+Board report — ${org.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — `));
  expect(info).toMatch(/Tagged:\s+yes/);
  expect(info).toMatch(/612 x 792 pts/);
});

test("admin: member role and team changes are confirmed; the audit log shows a readable diff and filters", async ({ page }) => {
  await signIn(page, org.user("ADMIN"));
  const viewer = org.user("VIEWER").email;
  await page.goto("/admin/members");
  const role = page.getByLabel(`Role of ${viewer}`);
  page.once("dialog", (d) => void d.dismiss());
  await role.selectOption("FINANCE");
  await expect(role).toHaveValue("VIEWER");
  await expect(page.getByLabel(`Team of ${org.user("ENGINEERING_LEAD").email}`)).toHaveValue("support");
  await page.getByLabel("Role", { exact: true }).selectOption("ENGINEERING_LEAD");
  await expect(page.getByLabel(/^Team \(required for a lead\)/)).toHaveAttribute("required", "");

  page.once("dialog", (d) => void d.accept());
  await page.getByLabel(`Team of ${viewer}`).selectOption("growth");
  await expect(page.getByRole("status")).toContainText("team growth");
  page.once("dialog", (d) => void d.accept());
  await page.getByLabel(`Team of ${viewer}`).selectOption("");
  await expect(page.getByLabel(`Team of ${viewer}`)).toHaveValue("");

  await page.goto("/admin/audit-log");
  await page.getByLabel("What").selectOption("member.role_change");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=member.role_change/);
  const table = page.getByRole("region", { name: "Latest actions" });
  await expect(table.locator("dt", { hasText: "team" }).first()).toBeVisible();
  await expect(table.getByText("growth").first()).toBeVisible();
  await expect(table.getByText(/\{"/)).toHaveCount(0);
  // from where: the address and the browser in a few words; the CSV keeps both whole
  await expect(table.getByText(/^Chrome \d+ on Windows$/).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: /Download CSV/ }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("Actor,IP address,User agent,Target");
  expect(csv).toMatch(/Mozilla\/5\.0 \(Windows NT/);
});

test("an engineering lead is offered Acknowledge and Resolve only on alerts the server lets them act on (their team's or no team's)", async ({
  page,
}) => {
  // the finance test raised an alert on team sales' budget; the lead is in team support
  await signIn(page, org.user("ENGINEERING_LEAD"));
  await page.goto("/budgets");
  const other = page.getByRole("row").filter({ hasText: "Team sales reached" }).first();
  await expect(other).toBeVisible();
  await expect(other.getByRole("button")).toHaveCount(0);
  await expect(other.getByText("team sales's alert")).toHaveAttribute(
    "title",
    /an engineering lead acknowledges and resolves their own team's \(support\) alerts only/,
  );
  // the same page offers the kill switch on the lead's own team's feature only
  await expect(page.getByRole("button", { name: /kill switch for support_chatbot/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /kill switch for code_review_agent/ })).toHaveCount(0);
  const res = await page.request.get("/api/v1/alerts?state=open");
  const alert = ((await res.json()).alerts as { id: string; team: string | null }[]).find((a) => a.team === "sales");
  expect(alert).toBeTruthy();
  const refused = await page.request.post(`/api/v1/alerts/${alert!.id}`, { headers: SAME_ORIGIN, data: { action: "acknowledge" } });
  expect(refused.status()).toBe(403);
});

/** How far (px) an element pokes out of the box of its nearest scrolling table viewport, left and right (0, 0 when fully inside). */
async function outsideTableViewport(el: import("@playwright/test").Locator) {
  return el.evaluate((node) => {
    const wrap = node.closest(".table-wrap") ?? node.closest("table")!.parentElement!;
    const b = node.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    return { left: Math.max(0, Math.round(w.left - b.left)), right: Math.max(0, Math.round(b.right - w.right)) };
  });
}

test("desktop (1400 px): the Events Id column, unit economics' Payback column and the first cost-layer label are whole, not clipped", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signIn(page, "ADMIN");
  await page.goto("/events");
  const events = page.getByRole("table", { name: "Events" });
  const idHeader = events.getByRole("columnheader", { name: "Id", exact: true });
  const idCell = events.getByRole("row").nth(1).getByRole("cell").last();
  await expect(idCell).toBeVisible();
  expect(await outsideTableViewport(idHeader), "the Id header").toEqual({ left: 0, right: 0 });
  expect(await outsideTableViewport(idCell), "an Id cell").toEqual({ left: 0, right: 0 });

  await page.goto("/unit-economics");
  const ue = page.getByRole("region", { name: "Unit economics per feature" });
  const payback = ue.getByRole("columnheader", { name: "Payback" });
  await expect(payback).toBeVisible();
  const paybackCell = ue.getByRole("row").nth(1).getByRole("cell").last();
  await expect(paybackCell).toHaveText(/mo$|^never$|^—$/);
  expect(await outsideTableViewport(payback), "the Payback header").toEqual({ left: 0, right: 0 });
  expect(await outsideTableViewport(paybackCell), "a Payback cell").toEqual({ left: 0, right: 0 });

  // the cost-layer chart's first category label starts inside the chart (it was cut on the left)
  const chart = page.getByRole("img", { name: /Cost layers per unit/ });
  await expect(chart.locator(".recharts-xAxis-tick-labels text").first()).toBeVisible();
  const first = await chart.evaluate((el) => {
    const svg = el.querySelector(".recharts-wrapper > svg")!.getBoundingClientRect();
    const t = el.querySelector(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")!;
    const b = t.getBoundingClientRect();
    return { text: t.textContent, left: b.left, bottom: b.bottom, svgLeft: svg.left, svgBottom: svg.bottom };
  });
  expect(first.left, `"${first.text}" is cut on the left`).toBeGreaterThanOrEqual(first.svgLeft);
  expect(first.bottom, `"${first.text}" is cut at the bottom`).toBeLessThanOrEqual(first.svgBottom + 1);
});
