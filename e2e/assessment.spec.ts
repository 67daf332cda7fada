import { expect, test } from "@playwright/test";
import { ITEM_IDS } from "../lib/assessment/items";
import { fixtureOrg, signIn, SAME_ORIGIN } from "./helpers";

/** The submission goes to the spec's own organisation; the viewer (who cannot write) reads the demo. */
const org = fixtureOrg("assessment");

const ANSWERS: Record<string, "Yes" | "No"> = {
  "Token counts are captured per feature, not just per account or model.": "Yes",
  "Request-level cost attribution with application metadata at invocation time.": "Yes",
  "Cost data is available within minutes, not 24–48 hours.": "Yes",
  "Cost per unit is defined and tracked (conversation / task / document).": "Yes",
  "Unit cost trend is tracked weekly.": "Yes",
  "A value metric is defined and measured alongside the cost metric.": "Yes",
  "Model selection is reviewed per use case (not defaulting to the largest model).": "No",
  "Maximum token limits are set on all model calls.": "No",
  "System prompts and repeated context are cached where the provider supports it.": "No",
  "AI COGS are estimated before feature deployment.": "No",
  "Budget alerts are configured at feature level.": "No",
  "A process exists to detect and decommission zombie features.": "No",
  "A shadow-AI audit was conducted in the last 12 months.": "No",
};

test("an ENGINEERING_LEAD fills the questionnaire for their team, submits, and sees the level", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, org.user("ENGINEERING_LEAD"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assessment", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Questionnaire for support/ })).toBeVisible();
  // evidence from the team's own events appears beside the first item (fixture: 3 of its 4 name a feature)
  await expect(page.getByText("75.0% of last-30-day events (3 of 4) carry a feature id.")).toBeVisible();

  const form = page.getByRole("form", { name: "Readiness questionnaire" });
  // submitting with gaps is refused with a message, nothing is stored
  await form.getByRole("button", { name: "Submit assessment" }).click();
  await expect(form.getByRole("alert")).toContainText("Answer every item before submitting");

  for (const [question, answer] of Object.entries(ANSWERS)) {
    await form.getByRole("group", { name: question }).getByLabel(answer, { exact: true }).check();
  }
  await expect(form.getByText("13 of 13 answered")).toBeVisible();
  await form.getByRole("button", { name: "Submit assessment" }).click();

  const result = page.getByRole("region", { name: /Result for support/ });
  await expect(result).toBeVisible();
  await expect(result.getByLabel("Score 6 of 13")).toBeVisible();
  await expect(result.getByText("Walk", { exact: true })).toBeVisible();
  await expect(result.getByText("Focus on unit economics and model optimisation.")).toBeVisible();

  // the history lists it
  await page.getByRole("link", { name: "History & levels" }).click();
  await expect(
    page
      .getByRole("region", { name: /Score over time — support/ })
      .getByRole("cell", { name: "6 / 13" })
      .first(),
  ).toBeVisible();
});

test("a VIEWER can read assessments but not submit one", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/assessment");
  await expect(page.getByRole("heading", { name: "Readiness assessment" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("can read assessments but not submit");
  await expect(page.getByRole("form", { name: "Readiness questionnaire" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Organisation: latest level per team/ })).toBeVisible();

  const list = await page.request.get("/api/v1/assessments");
  expect(list.status()).toBe(200);
  const answers = Object.fromEntries(ITEM_IDS.map((id) => [id, true]));
  const res = await page.request.post("/api/v1/assessments", { headers: SAME_ORIGIN, data: { team: null, answers } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).not.toMatch(/Cross-origin|Origin/);
});
