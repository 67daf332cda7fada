import { expect, test, type Browser } from "@playwright/test";
import type { Role } from "../lib/auth/roles";
import { fixtureOrg, signIn, SAME_ORIGIN } from "./helpers";

const FEATURE = "support_chatbot";
const FROM = "gpt-4o-2024-08-06";
const TITLE = `Route ${FEATURE} from ${FROM} to gpt-4o-mini-2024-07-18`;

/** The spec's own organisation: 20 days of support_chatbot traffic on gpt-4o and gpt-4o-mini (e2e/fixtures.ts). */
const org = fixtureOrg("opportunities");

async function as(browser: Browser, role: Role) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, org.user(role));
  return { ctx, page };
}

test("a lead drafts and approves a downgrade rule; the guardrail check then answers downgrade; a viewer cannot approve", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // an application's key (the check endpoint takes API keys only)
  const admin = await as(browser, "ADMIN");
  const keyRes = await admin.page.request.post("/api/v1/admin/api-keys", {
    headers: SAME_ORIGIN,
    data: { name: "e2e app", scopes: ["ingest"] },
  });
  expect(keyRes.ok()).toBe(true);
  const { key } = (await keyRes.json()) as { key: string };
  const check = async () => {
    const r = await admin.page.request.post("/api/v1/guardrails/check", {
      headers: { Authorization: `Bearer ${key}` },
      data: { feature: FEATURE, model: FROM },
    });
    expect(r.ok()).toBe(true);
    return (await r.json()) as { decision: string; model?: string; reason: string };
  };
  expect((await check()).reason).not.toMatch(/approved policy draft/);

  // the support team's lead finds the opportunity, with its basis, and drafts it
  const lead = await as(browser, "ENGINEERING_LEAD");
  await lead.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Opportunities", exact: true }).click();
  const opportunities = lead.page.getByRole("region", { name: "Savings opportunities" });
  const row = opportunities.getByRole("row").filter({ hasText: TITLE });
  await expect(row).toHaveCount(1);
  await row.getByText(TITLE).click(); // opens the basis
  await expect(row).toContainText(`20 calls to ${FROM} in the last 30 days cost $5.40`);
  await expect(row).toContainText("Quality evidence from your own traffic (this feature, 120 calls)");
  await row.getByRole("button", { name: `Draft: ${TITLE}` }).click();
  const drafts = lead.page.getByRole("region", { name: "Policy drafts" });
  await expect(drafts.getByRole("row").filter({ hasText: TITLE })).toContainText("draft");

  // a viewer sees the draft but no approve button, and the API refuses the viewer
  const viewer = await as(browser, "VIEWER");
  await viewer.page.goto("/opportunities");
  const vRow = viewer.page.getByRole("region", { name: "Policy drafts" }).getByRole("row").filter({ hasText: TITLE });
  await expect(vRow).toContainText("awaits a support lead");
  await expect(vRow.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const list = (await (await viewer.page.request.get("/api/v1/policy-drafts?status=draft")).json()) as {
    drafts: { id: string; title: string }[];
  };
  const id = list.drafts.find((d) => d.title === TITLE)!.id;
  const refused = await viewer.page.request.post(`/api/v1/policy-drafts/${id}`, { headers: SAME_ORIGIN, data: { decision: "approve" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/may not/);
  expect((await check()).reason).not.toMatch(/approved policy draft/);

  // the lead approves: applied, and the check answers downgrade for that feature
  await drafts.getByRole("row").filter({ hasText: TITLE }).getByRole("button", { name: "Approve" }).click();
  await expect(drafts.getByRole("row").filter({ hasText: TITLE })).toContainText("applied");
  await expect(drafts.getByRole("row").filter({ hasText: TITLE })).toContainText("measurable on");
  const answer = await check();
  expect(answer).toMatchObject({ decision: "downgrade", model: "gpt-4o-mini-2024-07-18" });
  expect(answer.reason).toMatch(/approved policy draft/);

  // the approval is in the audit log
  await admin.page.goto("/admin/audit-log");
  await expect(admin.page.getByRole("cell", { name: "policy_draft.approve" }).first()).toBeVisible(); // not the hidden <option> of the action filter
  for (const c of [admin, lead, viewer]) await c.ctx.close();
});
