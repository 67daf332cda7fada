import { describe, expect, test, beforeAll } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "../../lib/db";
import { createOrganization } from "../../lib/orgs/manage-members";
import { issueApiKey } from "../../lib/orgs/manage-api-keys";
import { ITEM_IDS } from "../../lib/assessment/items";
import { getEvidence } from "../../lib/assessment/get-evidence";
import { assertMayAnswerFor, saveDraft, submitAssessment } from "../../lib/assessment/manage-assessments";
import * as assessmentsRoute from "../../app/api/v1/assessments/route";
import * as evidenceRoute from "../../app/api/v1/assessments/evidence/route";

useTestDatabase();

let orgId = "";
let adminKey = "";
let readKey = "";

function call(
  handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  url: string,
  key: string,
  body?: unknown,
) {
  const req = new NextRequest(`http://localhost${url}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve({}) });
}

const allAnswers = (yes: number) => Object.fromEntries(ITEM_IDS.map((id, i) => [id, i < yes]));

beforeAll(async () => {
  const org = await createOrganization("assess-test", "Assess Test");
  orgId = org.id;
  adminKey = (await issueApiKey(orgId, { name: "admin", scopes: ["admin"] }, {})).key;
  readKey = (await issueApiKey(orgId, { name: "read", scopes: ["read"] }, {})).key;
});

describe("POST /api/v1/assessments", () => {
  test.each([
    [4, "crawl"],
    [5, "walk"],
    [9, "run"],
  ])("%i yes → 201 with score and level %s", async (yes, level) => {
    const res = await call(assessmentsRoute.POST, "/api/v1/assessments", adminKey, { team: "search", answers: allAnswers(yes) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ team: "search", score: yes, level, status: "submitted" });
  });

  test("a missing item id is a 400 naming it", async () => {
    const answers = allAnswers(3);
    delete answers["govern.shadow_ai_audit"];
    const res = await call(assessmentsRoute.POST, "/api/v1/assessments", adminKey, { team: null, answers });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("govern.shadow_ai_audit");
  });

  test("an unknown item id or a non-boolean is a 400", async () => {
    const extra = await call(assessmentsRoute.POST, "/api/v1/assessments", adminKey, {
      team: null,
      answers: { ...allAnswers(1), "visibility.other": true },
    });
    expect(extra.status).toBe(400);
    const str = await call(assessmentsRoute.POST, "/api/v1/assessments", adminKey, {
      team: null,
      answers: { ...allAnswers(1), "unit.weekly_trend": "yes" },
    });
    expect(str.status).toBe(400);
  });

  test("a read-scope key may list but not submit", async () => {
    const res = await call(assessmentsRoute.POST, "/api/v1/assessments", readKey, { team: null, answers: allAnswers(1) });
    expect(res.status).toBe(403);
    const list = await call(assessmentsRoute.GET, "/api/v1/assessments?team=search", readKey);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.assessments.map((a: { score: number }) => a.score)).toEqual([9, 5, 4]);
  });

  test("unknown query parameter is a 400", async () => {
    const res = await call(assessmentsRoute.GET, "/api/v1/assessments?teem=x", readKey);
    expect(res.status).toBe(400);
  });
});

describe("who may answer for which team", () => {
  const lead = (teamName: string | null) => ({ organizationId: "o", role: "ENGINEERING_LEAD" as const, member: { teamName } as never });
  test("engineering lead: own team only", () => {
    expect(() => assertMayAnswerFor(lead("search"), "search")).not.toThrow();
    expect(() => assertMayAnswerFor(lead("search"), "billing")).toThrow(/own team/);
    expect(() => assertMayAnswerFor(lead("search"), null)).toThrow(/own team/);
    expect(() => assertMayAnswerFor(lead(null), "search")).toThrow(/no team/);
  });
  test("finance: any team or the organisation; viewer: none", () => {
    expect(() => assertMayAnswerFor({ organizationId: "o", role: "FINANCE" }, null)).not.toThrow();
    expect(() => assertMayAnswerFor({ organizationId: "o", role: "VIEWER" }, null)).toThrow(/may read/);
  });

  test("a draft is replaced, then removed by the submit", async () => {
    const user = await db().user.create({ data: { email: "lead@assess.test" } });
    const p = { organizationId: orgId, role: "ENGINEERING_LEAD" as const, member: { teamName: "search", userId: user.id } as never };
    await saveDraft(p, { team: "search", answers: { "unit.weekly_trend": true } }, { userId: user.id });
    await saveDraft(p, { team: "search", answers: { "unit.weekly_trend": false } }, { userId: user.id });
    expect(await db().assessment.count({ where: { organizationId: orgId, status: "draft" } })).toBe(1);
    const a = await submitAssessment(p, { team: "search", answers: allAnswers(13) as never }, { userId: user.id });
    expect(a.level).toBe("run");
    expect(await db().assessment.count({ where: { organizationId: orgId, status: "draft" } })).toBe(0);
  });
});

describe("evidence from rollups", () => {
  test("feature share, metadata share, caching and budgets come from the data", async () => {
    const now = new Date("2026-03-20T12:00:00Z");
    const day = new Date("2026-03-18T00:00:00Z");
    const base = { organizationId: orgId, day, team: "search", tier: "", environment: "prod" };
    await db().dailyRollup.createMany({
      data: [
        { ...base, feature: "chat", model: "gpt-4o-mini", provider: "openai", events: 90, inputTokens: 1000n, cachedInputTokens: 100n },
        {
          ...base,
          feature: "unknown",
          model: "claude-3-5-sonnet",
          provider: "anthropic",
          events: 10,
          inputTokens: 1000n,
          cachedInputTokens: 0n,
        },
      ],
    });
    // 80 events in a session, 20 on their own (an interaction keyed by the event id)
    const interaction = (interactionKey: string, events: number) => ({
      organizationId: orgId,
      feature: "chat",
      interactionKey,
      team: "search",
      tier: "",
      environment: "prod",
      model: "m",
      firstAt: day,
      lastAt: day,
      day,
      events,
    });
    await db().interactionRollup.createMany({ data: [interaction("s1", 80), interaction("event:e1", 20)] });
    await db().budget.create({ data: { organizationId: orgId, scope: "feature", scopeRef: "chat", monthlyLimitUsd: "100" } });
    const { evidence } = await getEvidence(orgId, null, now);
    const by = Object.fromEntries(evidence.map((e) => [e.item, e]));
    expect(evidence.map((e) => e.item)).toEqual([...ITEM_IDS]);
    expect(by["visibility.per_feature_tokens"].summary).toMatch(/^90\.0%/);
    expect(by["visibility.per_feature_tokens"].suggested).toBe(false);
    expect(by["visibility.request_metadata"].summary).toMatch(/^80\.0%/);
    expect(by["optimize.caching"].suggested).toBe(false);
    expect(by["optimize.caching"].rows).toEqual([
      { label: "anthropic", value: "0.0%" },
      { label: "openai", value: "10.0%" },
    ]);
    expect(by["govern.feature_budgets"].summary).toContain("1 of 2");
    expect(by["optimize.model_selection"].suggested).toBe(true);

    // another team's view sees none of it
    const other = await getEvidence(orgId, "billing", now);
    expect(other.evidence[0].suggested).toBeNull();
  });

  test("GET /api/v1/assessments/evidence answers with 13 items", async () => {
    const res = await call(evidenceRoute.GET, "/api/v1/assessments/evidence", readKey);
    expect(res.status).toBe(200);
    expect((await res.json()).evidence).toHaveLength(13);
  });
});
