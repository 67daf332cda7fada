import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { recentInThisMonth } from "../helpers/clock";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertPolicy } from "@/lib/guardrails/manage-policies";
import { createContract } from "@/lib/billing/manage-contracts";
import { checkGuardrail, clearReservations, refreshGuardrailSnapshot } from "@/lib/guardrails/check-guardrail";
import { policySnapshot } from "@/lib/guardrails/policy-snapshot";
import { flushDecisionLog } from "@/lib/guardrails/log-decision";
import { parseSnapshot, Guard } from "@/packages/sdk/src/policy";
import type { Http } from "@/packages/sdk/src/http";

/**
 * Quota pacing and approved model routes travel in the policy snapshot, so the HTTP check and
 * an SDK deciding locally from the same snapshot answer alike.
 */
useTestDatabase();

const actor = { userId: null, apiKeyId: null };
let n = 0;
// 110 tokens per event, openai
const ev = (feature: string, model = "gpt-4o") => ({
  id: `q-${++n}`,
  timestamp: recentInThisMonth(60_000 + (n % 50) * 1000),
  feature,
  team: "support",
  provider: "openai",
  model,
  usage: { input_tokens: 100, output_tokens: 10 },
  cost_usd: "0.01",
});

beforeEach(() => clearReservations());
afterAll(() => flushDecisionLog());

/** A Guard deciding from the snapshot the server builds (no network: the snapshot is set directly). */
async function sdkDecide(orgId: string, req: { feature: string; model: string }) {
  const g = new Guard({} as Http, () => undefined, { holder: "t", waitSeconds: 1, failOpen: false, initialWaitMs: 0 });
  g.snapshot = parseSnapshot(JSON.parse(JSON.stringify(await policySnapshot(orgId))));
  return g.decideNow(req);
}

describe("quota pacing", () => {
  test("a quota projected to run out before month end downgrades to the fallback; used up blocks without one; a roomy quota allows", async () => {
    const org = await createOrganization("q-pace", "Pace");
    await ingestEvents(
      org.id,
      Array.from({ length: 10 }, () => ev("chat")),
    );
    await ingestEvents(
      org.id,
      Array.from({ length: 10 }, () => ev("search", "gpt-4o-mini")),
    );
    await upsertPolicy(org.id, { feature: "chat", fallback_model: "claude-3-5-haiku" }, actor);
    // 1,100 tokens of gpt-4o so far: a 1,110-token allocation runs out well before the month ends
    await createContract(org.id, { type: "quota", provider: "openai", model: "gpt-4o", unit: "tokens", monthly_limit: "1110" }, actor);
    await refreshGuardrailSnapshot(org.id);

    const chat = await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" });
    expect(chat).toMatchObject({ decision: "downgrade", model: "claude-3-5-haiku" });
    expect(chat.reason).toMatch(/token quota for openai\/gpt-4o projected to run out on \d{4}-\d\d-\d\d, before the month ends/);
    expect(await sdkDecide(org.id, { feature: "chat", model: "gpt-4o" })).toMatchObject({
      decision: "downgrade",
      model: "claude-3-5-haiku",
    });
    // pacing short without a fallback model: allowed (the contracts page warns)
    expect((await checkGuardrail(org.id, { feature: "search", model: "gpt-4o" })).decision).toBe("allow");
    // other models are not covered by a model quota
    expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o-mini" })).decision).toBe("allow");

    // a provider-wide quota already used up (2,200 tokens > 2,000): blocks every openai model without a fallback
    await createContract(org.id, { type: "quota", provider: "openai", model: "", unit: "tokens", monthly_limit: "2000" }, actor);
    const search = await checkGuardrail(org.id, { feature: "search", model: "gpt-4o-mini" });
    expect(search).toMatchObject({ decision: "block", reason: "token quota for openai is used up for this month" });
    expect(await sdkDecide(org.id, { feature: "search", model: "gpt-4o-mini" })).toMatchObject({ decision: "block" });
    // a model the organisation has not used yet but the catalog knows as openai's
    expect((await checkGuardrail(org.id, { feature: "search", model: "gpt-4.1" })).decision).toBe("block");
    // another provider's model passes
    expect((await checkGuardrail(org.id, { feature: "search", model: "claude-3-5-haiku" })).decision).toBe("allow");

    const wire = await policySnapshot(org.id);
    expect(wire.quotas!.map((q) => [q.model, q.action])).toEqual([
      ["", "block"],
      ["gpt-4o", "downgrade"],
    ]);

    // raising the allocation lifts it (the write invalidates the snapshot)
    await createContract(org.id, { type: "quota", provider: "openai", model: "", unit: "tokens", monthly_limit: "1000000000" }, actor);
    await createContract(
      org.id,
      { type: "quota", provider: "openai", model: "gpt-4o", unit: "tokens", monthly_limit: "1000000000" },
      actor,
    );
    expect((await checkGuardrail(org.id, { feature: "search", model: "gpt-4o-mini" })).decision).toBe("allow");
    expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" })).decision).toBe("allow");
    expect((await policySnapshot(org.id)).quotas).toEqual([]);
  });
});

describe("approved model routes", () => {
  test("an applied guardrail_downgrade draft is in the snapshot: server and SDK route alike; withdrawing it stops the route", async () => {
    const org = await createOrganization("q-route", "Route");
    await ingestEvents(org.id, [ev("chat")]);
    const draft = await db().policyDraft.create({
      data: {
        organizationId: org.id,
        type: "guardrail_downgrade",
        status: "applied",
        feature: "chat",
        ownerTeam: "support",
        opportunityId: "model_switch:chat:gpt-4o",
        opportunityKind: "model_switch",
        title: "Route chat gpt-4o to gpt-4o-mini",
        basis: {},
        estimatedMonthlySavingUsd: "1",
        baselineMonthlyCostUsd: "2",
        proposal: { type: "guardrail_downgrade", feature: "chat", from_model: "gpt-4o", to_model: "gpt-4o-mini" },
        decidedAt: new Date(),
      },
    });
    await refreshGuardrailSnapshot(org.id);
    const want = {
      decision: "downgrade",
      model: "gpt-4o-mini",
      reason: `approved policy draft ${draft.id}: chat routes gpt-4o to gpt-4o-mini`,
    };
    expect(await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" })).toEqual(want);
    expect(await sdkDecide(org.id, { feature: "chat", model: "gpt-4o" })).toEqual(want);
    expect((await sdkDecide(org.id, { feature: "chat", model: "gpt-4o-mini" }))!.decision).toBe("allow");
    expect((await sdkDecide(org.id, { feature: "search", model: "gpt-4o" }))!.decision).toBe("allow");
    const wire = await policySnapshot(org.id);
    expect(wire.model_routes).toEqual([{ feature: "chat", from_model: "gpt-4o", to_model: "gpt-4o-mini", draft_id: draft.id }]);

    await db().policyDraft.update({
      where: { organizationId_id: { organizationId: org.id, id: draft.id } },
      data: { status: "withdrawn" },
    });
    await refreshGuardrailSnapshot(org.id);
    expect((await checkGuardrail(org.id, { feature: "chat", model: "gpt-4o" })).decision).toBe("allow");
    expect((await policySnapshot(org.id)).version).not.toBe(wire.version);
  });
});
