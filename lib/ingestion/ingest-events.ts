import "server-only";
import { db } from "../db";
import { parseUsd, toDecimalString } from "../money";
import { loadOverrides } from "../pricing/load-overrides";
import { priceEvent } from "../pricing/price-event";
import { linesToStored } from "../pricing/price-lines";
import { ensureEventPartitions, forgetPartitionCache, isNoPartitionError, monthOf } from "../storage/partitions";
import { runAfterIngest } from "./after-ingest";
import { repairAfterIngest, type Repair } from "../rollups/repair-after-ingest";
import { insertBatchSql, type EventRow, type InsertedRow } from "./ingest-sql";
import { costEventSchema, formatIssues, rawId, type CostEventInput } from "./schemas";

export type IngestSource = "api" | "otlp" | "csv" | "demo";

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; errors: string[] }[];
};

/**
 * Validate → price → store (one statement: raw rows + rollups, see ingest-sql.ts) → hooks.
 * Each valid event is either stored, or counted as a duplicate of one already stored (or of
 * an earlier event in the same batch); each invalid one is reported by index and id.
 */
export async function ingestEvents(
  organizationId: string,
  events: unknown[],
  /** apiKeyId: the ingest key that sent the events (recorded on each; budgets and rate limits by key) */
  opts: { source?: IngestSource; receivedAt?: Date; partitionRetry?: boolean; apiKeyId?: string | null } = {},
): Promise<IngestResult> {
  const source = opts.source ?? "api";
  const receivedAt = opts.receivedAt ?? new Date();
  const rejected: IngestResult["rejected"] = [];
  let valid: CostEventInput[] = [];
  const seen = new Set<string>();
  const indexOf = new Map<string, number>();
  let duplicates = 0;

  events.forEach((raw, index) => {
    const parsed = costEventSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, id: rawId(raw), errors: formatIssues(parsed.error, raw) });
      return;
    }
    if (seen.has(parsed.data.id)) {
      duplicates++;
      return;
    }
    seen.add(parsed.data.id);
    indexOf.set(parsed.data.id, index);
    valid.push(parsed.data);
  });
  if (valid.length === 0) return { accepted: 0, duplicates, rejected };

  // every month of the batch needs its CostEvent partition; months dropped by retention are refused
  const refused = await ensureEventPartitions(valid.map((e) => monthOf(e.timestamp)));
  if (refused.size > 0) {
    for (const e of valid) {
      if (!refused.has(monthOf(e.timestamp))) continue;
      const error = `timestamp: ${monthOf(e.timestamp)} is past raw-event retention (its events were dropped); it can no longer be stored`;
      rejected.push({ index: indexOf.get(e.id)!, id: e.id, errors: [error] });
    }
    rejected.sort((a, b) => a.index - b.index);
    valid = valid.filter((e) => !refused.has(monthOf(e.timestamp)));
    if (valid.length === 0) return { accepted: 0, duplicates, rejected };
  }

  // all live overrides of the organisation (a small table): an override may name the catalog id
  const overrides = await loadOverrides(organizationId);
  const rows = valid.map((e) => toRow(e, overrides));

  let inserted: InsertedRow[];
  try {
    inserted = await withDeadlockRetry(() =>
      db().$queryRaw<InsertedRow[]>(insertBatchSql(organizationId, rows, source, receivedAt, opts.apiKeyId ?? null)),
    );
  } catch (err) {
    if (!isNoPartitionError(err) || opts.partitionRetry) throw err;
    // a month partition this process knew of was dropped meanwhile (retention, another process):
    // start over with a fresh partition list, so the dropped month's events are refused
    forgetPartitionCache();
    return ingestEvents(organizationId, events, { ...opts, receivedAt, partitionRetry: true });
  }
  duplicates += valid.length - inserted.length;
  const repair = inserted[0]?.repair;
  if (repair) {
    // rare (an interaction or a tenant window moved by an earlier event): bounded, see decision 013
    try {
      await repairAfterIngest(organizationId, JSON.parse(repair) as Repair);
    } catch (e) {
      console.error("rollup repair after ingest failed (run `rollups rebuild`):", e);
    }
  }

  await runAfterIngest({
    organizationId,
    events: inserted.map((r) => ({
      feature: r.feature,
      team: r.team,
      timestamp: new Date(r.timestamp),
      costPico: parseUsd(r.cost),
      tenantId: r.tenantId,
      tier: r.tenantTier,
      model: r.model,
      environment: r.environment,
      userId: r.userId,
      apiKeyId: r.apiKeyId,
      batchId: r.batchId,
    })),
  });
  return { accepted: inserted.length, duplicates, rejected };
}

function toRow(e: CostEventInput, overrides: Awaited<ReturnType<typeof loadOverrides>>): EventRow {
  const u = e.usage;
  const tokens = {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cachedInputTokens: u.cached_input_tokens ?? 0,
    cacheWriteTokens: u.cache_write_tokens ?? 0,
  };
  const units = {
    webSearchCalls: u.web_search_calls,
    fileSearchCalls: u.file_search_calls,
    codeInterpreterSessions: u.code_interpreter_sessions,
    toolCalls: u.tool_calls,
    images: u.images,
    audioMs: u.audio_seconds,
  };
  const price = priceEvent(
    {
      provider: e.provider ?? null,
      model: e.model,
      timestamp: e.timestamp,
      costUsd: e.cost_usd ?? null,
      serviceTier: e.service_tier ?? null,
      units,
      ...tokens,
    },
    overrides,
  );
  return {
    eventId: e.id,
    ts: e.timestamp.toISOString().slice(0, 23),
    feature: e.feature,
    team: e.team ?? null,
    environment: e.environment ?? "prod",
    tenantId: e.tenant?.id ?? null,
    tenantTier: e.tenant?.tier ?? null,
    userId: e.user_id ?? null,
    sessionId: e.session_id ?? null,
    taskId: e.task_id ?? null,
    provider: e.provider ?? null,
    model: e.model,
    modality: e.modality ?? "text",
    promptTemplate: e.prompt?.template ?? null,
    promptVersion: e.prompt?.version ?? null,
    ...tokens,
    reasoningTokens: u.reasoning_tokens ?? 0,
    groundingTokens: u.grounding_tokens ?? 0,
    wastedTokens: u.wasted_tokens ?? 0,
    costUsd: toDecimalString(price.costPico),
    catalogCostUsd: price.catalogCostPico === null ? null : toDecimalString(price.catalogCostPico),
    costSource: price.costSource,
    unpriced: price.unpriced,
    latencyMs: e.latency_ms ?? null,
    outcome: e.outcome ?? "unknown",
    correct: e.correct ?? null,
    streamed: e.streamed ?? null,
    aborted: e.aborted ?? null,
    deliveredOutputTokens: e.delivered_output_tokens ?? null,
    usageMissing: e.usage_reported === false,
    metadata: e.metadata ?? null,
    serviceTier: e.service_tier ?? null,
    batchId: e.batch_id ?? null,
    priceLines: price.lines ? linesToStored(price.lines) : null,
    marginUsd: price.marginPico === null ? null : toDecimalString(price.marginPico),
  };
}

/** Two batches can still deadlock across tables under contention; the statement is atomic, so retrying is safe. */
async function withDeadlockRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const text = `${(err as { code?: string }).code ?? ""} ${(err as Error).message ?? ""} ${JSON.stringify((err as { meta?: unknown }).meta ?? "")}`;
      if (attempt < 4 && /40P01|40001|deadlock detected|could not serialize/i.test(text)) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 30));
        continue;
      }
      throw err;
    }
  }
}
