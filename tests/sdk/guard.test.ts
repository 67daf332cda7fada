import { afterAll, beforeAll, expect, test } from "vitest";
import OpenAI from "openai";
import { createSpendline, SpendlineBlockedError, type Spendline } from "@/packages/sdk/src/index";
import { useTestDatabase } from "../helpers/db";
import { orgWithIngestKey } from "../helpers/org-with-key";
import { startRouteServer, type RouteServer } from "../helpers/route-server";
import { startProviderStub } from "./provider-stub";
import { db } from "@/lib/db";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertBudget } from "@/lib/budgets/manage-budgets";
import { upsertPolicy } from "@/lib/guardrails/manage-policies";
import { decideDraft } from "@/lib/opportunities/manage-drafts";

/**
 * spendline.guard() decides locally from the snapshot (one process here, embedded database
 * or PostgreSQL; tests/guardrails/multiprocess.test.ts covers two processes).
 */
useTestDatabase();

const actor = { userId: null, apiKeyId: null };
let server: RouteServer;
let stub: Awaited<ReturnType<typeof startProviderStub>>;
let sdk: Spendline;
let orgId = "";

beforeAll(async () => {
  const { orgId: id, key } = await orgWithIngestKey("guard-org", "Guard", "app");
  orgId = id;
  const t = Date.now() - 60_000;
  // chat: 100 calls of $0.10 ($10 this month); estimate per call $0.10
  await ingestEvents(
    orgId,
    Array.from({ length: 100 }, (_, i) => ({
      id: `g-${i}`,
      timestamp: new Date(t - i).toISOString(),
      feature: "chat",
      model: "gpt-4o",
      usage: { input_tokens: 1, output_tokens: 1 },
      cost_usd: "0.10",
    })),
  );
  await upsertBudget(orgId, { scope: "feature", scope_ref: "chat", monthly_limit_usd: "11", mode: "hard", thresholds: [100] }, actor);
  await upsertPolicy(orgId, { feature: "summarise", fallback_model: "gpt-4o-mini" }, actor);
  server = await startRouteServer();
  stub = await startProviderStub();
  sdk = createSpendline({ url: server.url, apiKey: key, defaults: { feature: "chat" }, pollWaitSeconds: 5, onError: () => undefined });
});

afterAll(async () => {
  await sdk.shutdown({ timeoutMs: 2000 });
  await server.close();
  await stub.close();
});

test("a hard budget is spent from a lease: exactly the room is allowed, locally", async () => {
  const decisions = [];
  for (let i = 0; i < 15; i++) decisions.push(await sdk.guard({ model: "gpt-4o" }));
  // $11 − $10 = room for 10 calls of $0.10
  expect(decisions.filter((d) => d.decision === "allow")).toHaveLength(10);
  expect(decisions.at(-1)).toMatchObject({ decision: "block" });
  expect(decisions.at(-1)!.reason).toMatch(/hard budget for feature chat/);
  const leases = await db().guardrailLease.findMany({ where: { organizationId: orgId } });
  expect(leases.reduce((a, l) => a + Number(l.amountUsd), 0)).toBeLessThanOrEqual(1.0000001);
  // far fewer requests than decisions
  expect(server.requests.filter((r) => r.path === "/api/v1/guardrails/leases").length).toBeLessThanOrEqual(4);
});

// How fast a kill switch reaches the SDK is a latency budget, measured by npm run bench:guardrails
// (kill_switch_ms) and the cluster proof, not asserted here: a loaded machine would fail it.
test("wrapOpenAI({ guard: true }): downgrade swaps the model; a kill switch reaches the SDK and blocks with a typed error", async () => {
  const client = sdk.wrapOpenAI(new OpenAI({ apiKey: "sk", baseURL: `${stub.url}/v1`, maxRetries: 0 }), {
    feature: "summarise",
    guard: true,
  });
  await client.chat.completions.create({ model: "gpt-4o", messages: [] });
  expect(stub.calls.at(-1)!.body.model).toBe("gpt-4o"); // allowed as asked

  await upsertPolicy(orgId, { feature: "summarise", kill_switch: true, kill_switch_reason: "cost spike" }, actor);
  const t0 = Date.now();
  while ((await sdk.guard({ feature: "summarise", model: "gpt-4o" })).decision === "allow" && Date.now() - t0 < 20_000)
    await new Promise((r) => setTimeout(r, 10));
  expect((await sdk.guard({ feature: "summarise", model: "gpt-4o" })).decision).toBe("downgrade");
  await client.chat.completions.create({ model: "gpt-4o", messages: [] });
  expect(stub.calls.at(-1)!.body.model).toBe("gpt-4o-mini"); // downgraded to the fallback

  await upsertPolicy(orgId, { feature: "summarise", fallback_action: "block" }, actor);
  const t1 = Date.now();
  let err: unknown;
  while (Date.now() - t1 < 20_000) {
    err = await client.chat.completions.create({ model: "gpt-4o", messages: [] }).then(
      () => null,
      (e) => e,
    );
    if (err) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(err).toBeInstanceOf(SpendlineBlockedError);
  expect((err as SpendlineBlockedError).decision.reason).toMatch(/cost spike/);
});

test("the snapshot answers 304 to a conditional GET when nothing changed", async () => {
  const key = (await issueApiKey(orgId, { name: "probe", scopes: ["ingest"] }, actor)).key;
  const first = await fetch(`${server.url}/api/v1/guardrails/snapshot`, { headers: { authorization: `Bearer ${key}` } });
  const etag = first.headers.get("etag")!;
  const body = (await first.json()) as { features: Record<string, { kill_switch: boolean }>; hard_budgets: unknown[] };
  expect(body.features.summarise.kill_switch).toBe(true);
  expect(body.hard_budgets).toHaveLength(1);
  const again = await fetch(`${server.url}/api/v1/guardrails/snapshot`, {
    headers: { authorization: `Bearer ${key}`, "if-none-match": etag },
  });
  expect(again.status).toBe(304);
});

test("approving a model-switch draft reaches a running SDK; withdrawing it too", async () => {
  await sdk.guard({ feature: "route-me", model: "gpt-4o" }); // the snapshot loop is running
  const user = await db().user.create({ data: { id: "guard-admin", email: "guard-admin@x.test" } });
  const admin = {
    userId: user.id,
    email: user.email,
    name: null,
    organizationId: orgId,
    orgSlug: "guard-org",
    orgName: "Guard",
    role: "ADMIN" as const,
    teamName: null,
  };
  const draft = await db().policyDraft.create({
    data: {
      organizationId: orgId,
      type: "guardrail_downgrade",
      feature: "route-me",
      ownerTeam: null,
      opportunityId: "model_switch:route-me:gpt-4o",
      opportunityKind: "model_switch",
      title: "Route route-me gpt-4o to gpt-4o-mini",
      basis: {},
      estimatedMonthlySavingUsd: "1",
      baselineMonthlyCostUsd: "2",
      proposal: { type: "guardrail_downgrade", feature: "route-me", from_model: "gpt-4o", to_model: "gpt-4o-mini" },
    },
  });
  // arrival, not speed (a latency budget: bench:guardrails); the deadline only ends a wait that failed
  const until = async (want: string) => {
    const t0 = Date.now();
    let got = "";
    while ((got = (await sdk.guard({ feature: "route-me", model: "gpt-4o" })).decision) !== want && Date.now() - t0 < 12_000)
      await new Promise((r) => setTimeout(r, 10));
    return got;
  };
  await decideDraft(orgId, draft.id, "approve", admin, undefined);
  expect(await until("downgrade")).toBe("downgrade");
  expect(await sdk.guard({ feature: "route-me", model: "gpt-4o" })).toMatchObject({
    decision: "downgrade",
    model: "gpt-4o-mini",
    reason: expect.stringContaining(`approved policy draft ${draft.id}`),
  });
  await decideDraft(orgId, draft.id, "withdraw", admin, undefined);
  expect(await until("allow")).toBe("allow");
});
