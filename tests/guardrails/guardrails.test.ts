import { beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { recentInThisMonth } from "../helpers/clock";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { createApiKey } from "@/lib/auth/api-keys";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertBudget } from "@/lib/budgets/manage-budgets";
import { upsertPolicy } from "@/lib/guardrails/manage-policies";
import { checkGuardrail, clearReservations, refreshGuardrailSnapshot } from "@/lib/guardrails/check-guardrail";
import { flushDecisionLog } from "@/lib/guardrails/log-decision";
import { POST as checkRoute } from "@/app/api/v1/guardrails/check/route";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const recent = (i: number) => recentInThisMonth(60_000 + i * 1000);
let n = 0;
const ev = (feature: string, cost: string, extra: Record<string, unknown> = {}) => ({
  id: `g-${++n}`,
  timestamp: recent(n % 50),
  feature,
  team: "support",
  model: "gpt-4o-2024-08-06",
  usage: { input_tokens: 100, output_tokens: 10 },
  cost_usd: cost,
  ...extra,
});

beforeEach(() => clearReservations());

describe("hard budget reservation", () => {
  test("50 concurrent checks near the limit cannot together overshoot it", async () => {
    const org = await createOrganization("gr-reserve", "Reserve");
    // 9 events of $1.00 this month: spent $9, estimate per check $1.00
    await ingestEvents(
      org.id,
      Array.from({ length: 9 }, () => ev("chat", "1.00")),
    );
    await upsertBudget(
      org.id,
      { scope: "feature", scope_ref: "chat", monthly_limit_usd: "14.5", mode: "hard", thresholds: [50, 80, 100] },
      actor,
    );
    await refreshGuardrailSnapshot(org.id);

    const answers = await Promise.all(Array.from({ length: 50 }, () => checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" })));
    const allowed = answers.filter((a) => a.decision === "allow").length;
    // room for exactly 5 more $1.00 calls under $14.50
    expect(allowed).toBe(5);
    expect(answers.filter((a) => a.decision === "block")).toHaveLength(45);
    expect(answers.find((a) => a.decision === "block")!.reason).toMatch(/hard budget for feature chat/);
    // other features are not limited by this budget
    expect((await checkGuardrail(org.id, { feature: "search", model: "gpt-4o" })).decision).toBe("allow");

    await flushDecisionLog();
    expect(await db().guardrailDecision.count({ where: { organizationId: org.id, decision: "block" } })).toBe(45);
  });

  test("a hard team budget with a fallback model downgrades instead", async () => {
    const org = await createOrganization("gr-team", "Team");
    await db().feature.create({ data: { organizationId: org.id, name: "chat", ownerTeam: "support" } });
    await ingestEvents(org.id, [ev("chat", "5")]);
    await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", monthly_limit_usd: "5", mode: "hard", thresholds: [100], fallback_model: "gpt-4o-mini" },
      actor,
    );
    await refreshGuardrailSnapshot(org.id);
    expect(await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" })).toMatchObject({
      decision: "downgrade",
      model: "gpt-4o-mini",
    });
  });
});

describe("kill switch and freemium trap", () => {
  test("manual kill switch, then a trapped free tenant is downgraded to the fallback model", async () => {
    const org = await createOrganization("gr-kill", "Kill");
    // tenant t-heavy: $2.50 in its first 30 days > default free LTV $2.00; t-light $0.50
    await ingestEvents(org.id, [
      ev("chat", "2.50", { tenant: { id: "t-heavy", tier: "free" } }),
      ev("chat", "0.50", { tenant: { id: "t-light", tier: "free" } }),
    ]);
    await upsertPolicy(
      org.id,
      { feature: "chat", fallback_model: "gpt-4o-mini", kill_switch: true, kill_switch_reason: "runaway loop" },
      actor,
    );
    const killed = await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" });
    expect(killed).toMatchObject({ decision: "downgrade", model: "gpt-4o-mini" });
    expect(killed.reason).toMatch(/runaway loop/);

    await upsertPolicy(org.id, { feature: "chat", kill_switch: false }, actor);
    expect(await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o", tenant: { id: "t-heavy", tier: "free" } })).toMatchObject({
      decision: "downgrade",
      model: "gpt-4o-mini",
    });
    expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o", tenant: { id: "t-light", tier: "free" } })).decision).toBe(
      "allow",
    );
    // a higher predicted LTV for the free tier un-traps the tenant
    await db().tier.create({ data: { organizationId: org.id, name: "free", predictedLtvUsd: "3.00" } });
    await refreshGuardrailSnapshot(org.id);
    expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o", tenant: { id: "t-heavy", tier: "free" } })).decision).toBe(
      "allow",
    );
  });
});

describe("POST /api/v1/guardrails/check", () => {
  const call = (key: string | null, body: unknown) =>
    checkRoute(
      new NextRequest("http://localhost/api/v1/guardrails/check", {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  test("an ingest key may check; validation and auth errors use the error contract", async () => {
    const org = await createOrganization("gr-api", "Api");
    const { key } = await createApiKey({ organizationId: org.id, name: "app", scopes: ["ingest"] });
    const ok = await call(key, { feature: "chat", model: "gpt-4o", tenant: { id: "t1", tier: "pro" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ decision: "allow", reason: "within budgets and guardrails" });
    const bad = await call(key, { feature: "chat" });
    expect(bad.status).toBe(400);
    expect((await call(null, { feature: "chat", model: "x" })).status).toBe(401);
  });
});
