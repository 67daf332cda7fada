import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { listBudgets, upsertBudget } from "@/lib/budgets/manage-budgets";
import { closeBatch, readBatches, registerBatch } from "@/lib/budgets/batch-jobs";
import { grantLease } from "@/lib/guardrails/leases";
import { loadOverrides } from "@/lib/pricing/load-overrides";
import { priceEvent } from "@/lib/pricing/price-event";
import { formatUsd6 } from "@/lib/money";

/**
 * Issue 23 item 8 (decision 056): a batch counts against budgets when submitted (its estimate
 * at batch prices) and is trued up when its events arrive or it is closed — a budget sees the
 * estimate, then the true amount, never both; a hard budget refuses a batch it cannot hold.
 */
useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const MODEL = "gpt-4o-2024-08-06";
const ago = (ms: number) => new Date(Date.now() - ms);

function batch(id: string, requests: number, inTok = 1000, outTok = 500) {
  return {
    batch_id: id,
    feature: "summaries",
    team: "support",
    model: MODEL,
    provider: "openai",
    tenant: { id: "acme" },
    requests,
    usage: { input_tokens: inTok * requests, output_tokens: outTok * requests },
  };
}

/** `n` events of the batch, each `cost` USD and 1,500 tokens. */
const batchEvents = (batchId: string, from: number, n: number, cost: string) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${batchId}-${from + i}`,
    timestamp: ago(60_000).toISOString(),
    feature: "summaries",
    team: "support",
    model: MODEL,
    provider: "openai",
    tenant: { id: "acme", tier: "pro" },
    service_tier: "batch",
    batch_id: batchId,
    usage: { input_tokens: 1000, output_tokens: 500 },
    cost_usd: cost,
  }));

async function spent(orgId: string, scope: string, unit = "usd", window = "month") {
  const b = (await listBudgets(orgId)).find((x) => x.scope === scope && x.unit === unit && x.window === window);
  return b!.spent;
}

describe("batch jobs against budgets", () => {
  test("the estimate is priced at the batch tier: half of the standard price, rounded once", async () => {
    const org = await createOrganization("bt-price", "Batch price");
    const got = await registerBatch(org.id, batch("b-price", 10), {});
    const standard = priceEvent(
      {
        provider: "openai",
        model: MODEL,
        timestamp: new Date(),
        costUsd: null,
        serviceTier: "standard",
        inputTokens: 10_000,
        outputTokens: 5_000,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
      },
      await loadOverrides(org.id),
    );
    expect(standard.unpriced).toBe(false);
    expect(got.estimate.cost_usd).toBe(formatUsd6(standard.costPico / 2n));
    expect(got.estimate).toMatchObject({ requests: 10, tokens: "15000", unpriced: false });
  });

  test("a budget sees the estimate at submit, max(estimate, arrived) while open, and only the true amount after completion", async () => {
    const org = await createOrganization("bt-trueup", "Batch true-up");
    for (const [unit, window, limit] of [
      ["usd", "month", "1000"],
      ["tokens", "24h", "1000000"],
      ["requests", "7d", "1000"],
    ] as const) {
      await upsertBudget(org.id, { scope: "tenant", scope_ref: "acme", unit, window, limit, mode: "soft", thresholds: [100] }, actor);
    }
    await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", monthly_limit_usd: "1000", mode: "soft", thresholds: [100], confirm_unknown: true },
      actor,
    );
    const reg = await registerBatch(org.id, batch("b-1", 4), {});
    const est = reg.estimate.cost_usd;
    expect(await spent(org.id, "tenant")).toBe(est);
    expect(await spent(org.id, "team")).toBe(est); // the rollup-forecast path counts it too
    expect(await spent(org.id, "tenant", "tokens", "24h")).toBe("6000");
    expect(await spent(org.id, "tenant", "requests", "7d")).toBe("4");

    // 3 of 4 results arrive, cheaper than the estimate in total: the estimate still bounds it (not 3 + 4 requests)
    await ingestEvents(org.id, batchEvents("b-1", 0, 3, "0.001"));
    expect(await spent(org.id, "tenant")).toBe(est);
    expect(await spent(org.id, "tenant", "requests", "7d")).toBe("4");
    expect((await readBatches(org.id))[0]).toMatchObject({ status: "open", arrived: { requests: 3 } });

    // the last one arrives: the batch completes itself and only the 4 events count
    await ingestEvents(org.id, batchEvents("b-1", 3, 1, "0.001"));
    expect((await readBatches(org.id))[0].status).toBe("completed");
    expect(await spent(org.id, "tenant")).toBe("0.004000");
    expect(await spent(org.id, "team")).toBe("0.004000");
    expect(await spent(org.id, "tenant", "tokens", "24h")).toBe("6000");
    expect(await spent(org.id, "tenant", "requests", "7d")).toBe("4");
    // a resent event is a duplicate: nothing counts twice
    await ingestEvents(org.id, batchEvents("b-1", 0, 1, "0.001"));
    expect(await spent(org.id, "tenant")).toBe("0.004000");
  });

  test("results dearer than the estimate count in full; a cancelled batch counts only what arrived", async () => {
    const org = await createOrganization("bt-cancel", "Batch cancel");
    await upsertBudget(
      org.id,
      { scope: "tenant", scope_ref: "acme", unit: "usd", window: "month", limit: "1000", mode: "soft", thresholds: [100] },
      actor,
    );
    const dear = await registerBatch(org.id, batch("b-dear", 2, 10, 10), {});
    await ingestEvents(org.id, batchEvents("b-dear", 0, 1, "5"));
    expect(Number(dear.estimate.cost_usd)).toBeLessThan(5);
    expect(await spent(org.id, "tenant")).toBe("5.000000"); // arrived > estimate: the events, no estimate on top

    const cancelled = await registerBatch(org.id, batch("b-cancel", 10), {});
    expect(await spent(org.id, "tenant")).toBe(
      formatUsd6(5_000_000_000_000n + BigInt(Math.round(Number(cancelled.estimate.cost_usd) * 1e6)) * 1_000_000n),
    );
    await ingestEvents(org.id, batchEvents("b-cancel", 0, 2, "0.5"));
    await closeBatch(org.id, "b-cancel", "cancelled");
    expect(await spent(org.id, "tenant")).toBe("6.000000");
    await expect(registerBatch(org.id, batch("b-cancel", 1), {})).rejects.toMatchObject({ status: 409 });
  });

  test("a hard budget refuses a batch it cannot hold, and lease grants see an accepted batch at once", async () => {
    const org = await createOrganization("bt-hard", "Batch hard");
    await upsertBudget(
      org.id,
      { scope: "tenant", scope_ref: "acme", unit: "requests", window: "24h", limit: "100", mode: "hard", thresholds: [100] },
      actor,
    );
    await upsertBudget(
      org.id,
      { scope: "feature", scope_ref: "summaries", monthly_limit_usd: "1", mode: "hard", thresholds: [100], confirm_unknown: true },
      actor,
    );
    // $1 hard month: 50 requests × 200,000 tokens at batch prices is far more
    await expect(registerBatch(org.id, batch("b-big", 50, 100_000, 100_000), {})).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/hard monthly budget of feature summaries.*Nothing was registered/),
    });
    // 101 requests > the tenant's 100 per 24 h: a rate limit answers 429 with Retry-After
    await expect(registerBatch(org.id, batch("b-many", 101, 1, 1), {})).rejects.toMatchObject({
      status: 429,
      headers: { "Retry-After": expect.stringMatching(/^\d+$/) },
    });
    expect(await db().batchJob.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await spent(org.id, "tenant", "requests", "24h")).toBe("0");

    await registerBatch(org.id, batch("b-ok", 60, 1, 1), {});
    expect(await spent(org.id, "tenant", "requests", "24h")).toBe("60");
    const rate = (await db().budget.findFirst({ where: { organizationId: org.id, scope: "tenant" } }))!;
    const g = await grantLease(org.id, { budgetId: rate.id, holder: "t", wantPico: 50n * 10n ** 12n, minPico: 10n ** 12n, release: null });
    expect(g!.amountPico).toBe(40n * 10n ** 12n); // 100 − 60 estimated
    // and a second batch past what is left (40 − the live lease's 40) is refused
    await expect(registerBatch(org.id, batch("b-more", 1, 1, 1), {})).rejects.toMatchObject({ status: 429 });
  });
});
