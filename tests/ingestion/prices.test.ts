import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { createOverride } from "@/lib/pricing/manage-overrides";
import { jobSettled } from "@/lib/pricing/restate-events";
import { overrideInputSchema } from "@/lib/pricing/schemas";
import { startJobWorkers, stopJobWorkers } from "@/lib/workers";
import { verifyRollups } from "@/lib/rollups/verify-rollups";
import { POST as postOverride } from "@/app/api/v1/price-book/overrides/route";
import { GET as getMargins } from "@/app/api/v1/price-book/margins/route";

/**
 * Decision 045 end to end: events priced by tier and by line are stored with their lines; a
 * back-dated margin and a provider-wide rule restate them; bad price-book input is a 400 naming
 * the field. Catalog (genai-prices 0.1.8) for gpt-4o-2024-08-06: input 2.5, output 10 per 1M,
 * web searches $10 per 1,000; OpenAI priority: input 4.25, output 17.
 */
useTestDatabase();

let orgId = "";
let key = "";
const actor = { userId: null, apiKeyId: null };

beforeAll(() => startJobWorkers({ pollingIntervalSeconds: 0.5, only: ["restatement"] }));
afterAll(() => stopJobWorkers(5_000));

beforeAll(async () => {
  orgId = (await createOrganization("prices", "Prices")).id;
  key = (await issueApiKey(orgId, { name: "admin", scopes: ["read", "admin", "ingest"] }, actor)).key;
  const base = { timestamp: "2026-11-10T10:00:00Z", feature: "chat", provider: "openai", model: "gpt-4o-2024-08-06" };
  const r = await ingestEvents(orgId, [
    { ...base, id: "p-priority", service_tier: "priority", usage: { input_tokens: 1_000_000, output_tokens: 1_000_000 } },
    { ...base, id: "p-default", service_tier: "default", usage: { input_tokens: 1_000_000, output_tokens: 1_000_000 } },
    { ...base, id: "p-batch", service_tier: "batch", usage: { input_tokens: 1_000_000, output_tokens: 1_000_000 } },
    { ...base, id: "p-search", usage: { input_tokens: 1000, output_tokens: 0, web_search_calls: 3 } },
    { ...base, id: "p-bad", service_tier: "turbo", usage: { input_tokens: 1, output_tokens: 1 } },
  ]);
  expect(r.rejected).toEqual([
    {
      index: 4,
      id: "p-bad",
      errors: [
        'service_tier: expected one of standard, default, auto, standard_only, on_demand, flex, priority, scale, batch (got "turbo")',
      ],
    },
  ]);
});

const row = (id: string) => db().costEvent.findFirstOrThrow({ where: { organizationId: orgId, eventId: id } });

describe("events priced by tier and line", () => {
  test.each([
    ["priority: 1M × 4.25 + 1M × 17 = 21.25", "p-priority", "priority", "21.250000"],
    ["OpenAI's 'default' is standard: 1M × 2.5 + 1M × 10 = 12.5, no lines stored", "p-default", "standard", "12.500000"],
    ["batch: 50 % of 12.5 = 6.25", "p-batch", "batch", "6.250000"],
    ["web search: 3 × $10/1,000 = 0.03 + 1k × 2.5/1M = 0.0025 → 0.0325", "p-search", null, "0.032500"],
  ])("%s", async (_n, id, tier, cost) => {
    const e = await row(id);
    expect(e.serviceTier).toBe(tier);
    expect(e.costUsd.toFixed(6)).toBe(cost);
    expect(e.priceLines === null).toBe(id === "p-default");
  });

  test("the stored lines sum to the cost and keep the standard figure beside the priority one", async () => {
    const lines = (await row("p-priority")).priceLines as {
      kind: string;
      cost_usd: string;
      standard_cost_usd?: string;
      tier_basis?: string;
    }[];
    expect(lines).toMatchObject([
      { kind: "tokens", cost_usd: "21.250000000000", standard_cost_usd: "12.500000000000", tier_basis: "published_rates" },
    ]);
  });
});

describe("negotiated rules restate as today", () => {
  test("a back-dated internal margin of 15 % is stored apart; the cost does not move; rollups stay exact", async () => {
    const { job_id } = await createOverride(
      orgId,
      overrideInputSchema.parse({ provider: "openai", model: "*", kind: "margin", percent: "15", effective_from: "2026-11-01" }),
      actor,
    );
    await jobSettled(orgId, job_id!);
    const e = await row("p-priority");
    expect(e.costUsd.toFixed(6)).toBe("21.250000");
    expect(e.marginUsd?.toFixed(6)).toBe("3.187500"); // 15 % of 21.25
    expect(await verifyRollups(orgId)).toEqual([]);
  });

  test("a back-dated priority-tier discount of 20 % moves only the priority call: 21.25 × 0.8 = 17, margin 2.55", async () => {
    const { job_id } = await createOverride(
      orgId,
      overrideInputSchema.parse({
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        kind: "discount",
        service_tier: "priority",
        discount_percent: "20",
        effective_from: "2026-11-01",
      }),
      actor,
    );
    await jobSettled(orgId, job_id!);
    expect((await row("p-priority")).costUsd.toFixed(6)).toBe("17.000000");
    expect((await row("p-priority")).marginUsd?.toFixed(6)).toBe("2.550000");
    expect((await row("p-default")).costUsd.toFixed(6)).toBe("12.500000");
    expect(await verifyRollups(orgId)).toEqual([]);
    const history = await db().auditLog.findMany({ where: { organizationId: orgId, action: "price_override.create" } });
    expect(history).toHaveLength(2);
  });
});

test("margins are answered apart from provider cost: 17 + 12.5 + 6.25 + 0.0325 = 35.7825, 15 % = 5.367375", async () => {
  const call = async (month: string) => {
    const req = new NextRequest(`http://localhost/api/v1/price-book/margins?month=${month}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const res = await getMargins(req, { params: Promise.resolve({}) });
    return { status: res.status, body: await res.json() };
  };
  const ok = await call("2026-11");
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({
    month: "2026-11",
    provider_cost_usd: "35.782500",
    margin_usd: "5.367375",
    rows: [{ team: "unallocated", feature: "chat", events: 4, provider_cost_usd: "35.782500", margin_usd: "5.367375" }],
  });
  expect((await call("2026-13")).status).toBe(400);
});

describe("bad price-book input is a 400 naming the field", () => {
  const post = async (body: unknown) => {
    const req = new NextRequest("http://localhost/api/v1/price-book/overrides", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const res = await postOverride(req, { params: Promise.resolve({}) });
    return { status: res.status, text: await res.text() };
  };
  test.each([
    ["a markup without a percent", { model: "m", kind: "markup", effective_from: "2026-11-01" }, "a markup needs a percent"],
    [
      "an unknown service tier",
      { model: "m", kind: "discount", discount_percent: "5", service_tier: "gold", effective_from: "2026-11-01" },
      "service_tier",
    ],
    [
      "every model without a provider",
      { model: "*", kind: "discount", discount_percent: "5", effective_from: "2026-11-01" },
      "needs a provider",
    ],
    [
      "ignoring the catalog for one model",
      { provider: "openai", model: "gpt-4o", kind: "no_catalog", effective_from: "2026-11-01" },
      "whole provider",
    ],
    [
      "a time price without its rule",
      { model: "llama", kind: "time", per_hour_usd: "2.5", effective_from: "2026-11-01" },
      "allocation_rule",
    ],
    [
      "a unit price that is not a decimal",
      {
        model: "m",
        kind: "rates",
        input_per_mtok_usd: "1",
        output_per_mtok_usd: "2",
        unit_prices: { image: "1e-3" },
        effective_from: "2026-11-01",
      },
      "unit_prices",
    ],
  ])("%s", async (_n, body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.text).toContain(message);
  });
});
