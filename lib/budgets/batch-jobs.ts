import "server-only";
import { budgetApplies, UNIT_SCALE, type CheckRequest } from "@spendline/guardrail-core";
import { AppError } from "../core/errors";
import { db, Prisma } from "../db";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { loadOverrides } from "../pricing/load-overrides";
import { priceEvent } from "../pricing/price-event";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";

import { budgetUsed, liveLeased, secondsUntilFreed } from "./budget-usage";
import { amountInUnit, budgetLabel } from "./budget-alert";
import { evaluateBudgetList } from "./evaluate-budgets";
import type { BatchInput } from "./schemas";

/**
 * Batch jobs count against budgets when submitted and are trued up when they complete
 * (decision 056). Registering a batch stores its estimate (calls, tokens, and cost at the batch
 * tier's prices); budget-usage.ts counts every open batch as max(estimate, what has arrived)
 * — the arrived events themselves plus what the estimate exceeds them by — so estimate and
 * events never count twice. A batch closes when all its calls have arrived (events carrying
 * its batch_id), or when the caller says it completed, was cancelled or expired: then only its
 * events count.
 */

type BatchRow = Awaited<ReturnType<ReturnType<typeof db>["batchJob"]["findFirstOrThrow"]>>;
type Estimate = { usd: bigint; tokens: bigint; requests: bigint };

const estimateIn = (unit: string, e: Estimate) => (unit === "tokens" ? e.tokens : unit === "requests" ? e.requests : e.usd);

/** Registers a submitted batch; refuses (409, or 429 for a rate limit) when it would take a hard budget past its limit. */
export async function registerBatch(organizationId: string, input: BatchInput, caller: { apiKeyId?: string | null }, now = new Date()) {
  const price = priceEvent(
    {
      provider: input.provider ?? null,
      model: input.model,
      timestamp: now,
      costUsd: null,
      serviceTier: "batch",
      inputTokens: input.usage.input_tokens,
      outputTokens: input.usage.output_tokens,
      cachedInputTokens: input.usage.cached_input_tokens ?? 0,
      cacheWriteTokens: 0,
    },
    await loadOverrides(organizationId),
  );
  const owner = await db().feature.findUnique({
    where: { organizationId_name: { organizationId, name: input.feature } },
    select: { ownerTeam: true },
  });
  const team = input.team ?? owner?.ownerTeam ?? "unallocated";
  const apiKeyId = caller.apiKeyId ?? null;
  const req: CheckRequest = {
    feature: input.feature,
    model: input.model,
    tenant: input.tenant,
    user: input.user_id,
    environment: input.environment ?? "prod",
    apiKey: apiKeyId ?? undefined,
  };
  const estimate: Estimate = {
    usd: price.costPico,
    tokens: BigInt(input.usage.input_tokens + input.usage.output_tokens) * UNIT_SCALE,
    requests: BigInt(input.requests) * UNIT_SCALE,
  };
  const budgets = (await db().budget.findMany({ where: { organizationId } })).filter((b) => budgetApplies(b, req, team));

  const row = await db().$transaction(
    async (tx) => {
      // the hard budgets' rows locked in id order: lease grants and other submits on them wait (decision 017)
      const hard = budgets.filter((b) => b.mode === "hard").sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const b of hard) await tx.$queryRaw(Prisma.sql`SELECT id FROM "Budget" WHERE id = ${b.id} FOR UPDATE`);
      for (const b of hard) {
        const used = (await budgetUsed(organizationId, b, now, tx)) + (await liveLeased(organizationId, b.id, now, tx));
        const limit = parseUsd(b.monthlyLimitUsd.toString());
        const need = estimateIn(b.unit, estimate);
        if (used + need <= limit) continue;
        const message = `The batch's estimate (${amountInUnit(b.unit, need)}) would take the hard ${b.window === "month" ? "monthly budget" : `rolling ${b.window} rate limit`} of ${budgetLabel(b).toLowerCase()} past its limit (${amountInUnit(b.unit, used)} used of ${amountInUnit(b.unit, limit)}). Nothing was registered: submit a smaller batch, wait, or ask finance to raise the budget.`;
        if (b.window === "month") throw new AppError("conflict", message, [{ path: "requests", message }]);
        const wait = await secondsUntilFreed(organizationId, b, used + need - limit, 30, now, tx);
        throw new AppError("rate_limited", message, [{ path: "requests", message }], { "Retry-After": String(wait) });
      }
      try {
        return await tx.batchJob.create({
          data: {
            organizationId,
            batchId: input.batch_id,
            provider: input.provider ?? null,
            model: input.model,
            feature: input.feature,
            team,
            environment: input.environment ?? "prod",
            tenantId: input.tenant?.id ?? null,
            userId: input.user_id ?? null,
            apiKeyId,
            requests: input.requests,
            inputTokens: BigInt(input.usage.input_tokens),
            outputTokens: BigInt(input.usage.output_tokens),
            costUsd: toDecimalString(price.costPico),
            unpriced: price.unpriced,
            submittedAt: now,
          },
        });
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") {
          throw new AppError("conflict", `Batch ${input.batch_id} is already registered: its estimate counts once.`, [
            { path: "batch_id", message: "already registered" },
          ]);
        }
        throw e;
      }
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  onGuardrailRelevantWrite(organizationId);
  // a soft budget the estimate takes past a threshold alerts now
  await evaluateBudgetList(organizationId, budgets, now);
  return (await readBatches(organizationId, { batchIds: [row.batchId] }))[0];
}

/** The caller says the batch ended: only its events count from now on. */
export async function closeBatch(organizationId: string, batchId: string, status: "completed" | "cancelled" | "expired", now = new Date()) {
  const row = await db().batchJob.findUnique({ where: { organizationId_batchId: { organizationId, batchId } } });
  if (!row) throw new AppError("not_found", `No batch ${batchId} is registered (POST /api/v1/batches registers it).`);
  if (row.status === "open") {
    await db().batchJob.updateMany({ where: { organizationId, batchId, status: "open" }, data: { status, closedAt: now } });
    onGuardrailRelevantWrite(organizationId);
  }
  return (await readBatches(organizationId, { batchIds: [batchId] }))[0];
}

/** Ingest hook: an open batch whose calls have all arrived (events carrying its batch id) is complete. */
export async function completeArrivedBatches(organizationId: string, batchIds: string[], now = new Date()): Promise<number> {
  if (!batchIds.length) return 0;
  const n = await db().$executeRaw(Prisma.sql`
    UPDATE "BatchJob" j SET status = 'completed', "closedAt" = ${now}::timestamp(3)
    WHERE j."organizationId" = ${organizationId} AND j.status = 'open' AND j."batchId" IN (${Prisma.join(batchIds)})
      AND j.requests <= (SELECT count(*) FROM "CostEvent" e WHERE e."organizationId" = j."organizationId" AND e."batchId" = j."batchId")`);
  if (n > 0) onGuardrailRelevantWrite(organizationId);
  return n;
}

/** Registered batches with their estimate and what has arrived, newest first. */
export async function readBatches(organizationId: string, filter: { status?: string; batchIds?: string[] } = {}) {
  const rows = await db().batchJob.findMany({
    where: {
      organizationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.batchIds ? { batchId: { in: filter.batchIds } } : {}),
    },
    orderBy: [{ submittedAt: "desc" }, { batchId: "asc" }],
    take: 500,
  });
  const arrived = rows.length
    ? await db().$queryRaw<{ batchId: string; requests: bigint; tokens: string; cost: string }[]>(Prisma.sql`
        SELECT "batchId", count(*) AS requests, SUM("inputTokens" + "outputTokens")::text AS tokens, SUM("costUsd")::text AS cost
        FROM "CostEvent" WHERE "organizationId" = ${organizationId} AND "batchId" IN (${Prisma.join(rows.map((r) => r.batchId))})
        GROUP BY "batchId"`)
    : [];
  const byId = new Map(arrived.map((a) => [a.batchId, a]));
  return rows.map((r) => batchToWire(r, byId.get(r.batchId)));
}

function batchToWire(r: BatchRow, a: { requests: bigint; tokens: string; cost: string } | undefined) {
  return {
    batch_id: r.batchId,
    feature: r.feature,
    team: r.team,
    model: r.model,
    provider: r.provider,
    environment: r.environment,
    tenant_id: r.tenantId,
    user_id: r.userId,
    api_key_id: r.apiKeyId,
    status: r.status as "open" | "completed" | "cancelled" | "expired",
    submitted_at: r.submittedAt.toISOString(),
    closed_at: r.closedAt?.toISOString() ?? null,
    estimate: {
      requests: r.requests,
      tokens: (r.inputTokens + r.outputTokens).toString(),
      cost_usd: formatUsd6(parseUsd(r.costUsd.toString())),
      unpriced: r.unpriced,
    },
    arrived: {
      requests: Number(a?.requests ?? 0n),
      tokens: a?.tokens ?? "0",
      cost_usd: formatUsd6(parseUsd(a?.cost ?? "0")),
    },
  };
}
