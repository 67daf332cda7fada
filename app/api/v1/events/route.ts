import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { formatUsd6, parseUsd } from "@/lib/money";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { listEvents } from "@/lib/ingestion/list-events";
import { readEventsBody } from "@/lib/ingestion/read-body";
import { toCsv } from "@/lib/csv/to-csv";

/** The v1 ingestion contract (docs/ingestion.md): JSON array, { events: [...] } or NDJSON; ≤1,000 events, ≤2 MiB. */
export const POST = apiRoute(endpoints["POST /api/v1/events"], async ({ req, principal }) => {
  const events = await readEventsBody(req);
  return ingestEvents(principal.organizationId, events, { source: "api" });
});

/** Raw events, newest first, keyset-paginated (`next_cursor`); `format=csv` for a download (≤10,000 rows). */
export const GET = apiRoute(endpoints["GET /api/v1/events"], async ({ principal, query }) => {
  const csv = query.format === "csv";
  const { rows, nextCursor, retention } = await listEvents(principal.organizationId, {
    ...query,
    limit: query.limit ?? (csv ? 10_000 : 100),
  });
  const out = rows.map((r) => ({
    id: r.eventId,
    timestamp: r.timestamp.toISOString(),
    received_at: r.receivedAt.toISOString(),
    ingestion_delay_ms: r.receivedAt.getTime() - r.timestamp.getTime(),
    feature: r.feature,
    team: r.team,
    environment: r.environment,
    tenant_id: r.tenantId,
    tenant_tier: r.tenantTier,
    session_id: r.sessionId,
    provider: r.provider,
    model: r.model,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cached_input_tokens: r.cachedInputTokens,
    reasoning_tokens: r.reasoningTokens,
    cost_usd: formatUsd6(parseUsd(r.cost)),
    catalog_cost_usd: r.catalogCost === null ? null : formatUsd6(parseUsd(r.catalogCost)),
    cost_source: r.costSource,
    unpriced: r.unpriced,
    usage_reported: !r.usageMissing,
    outcome: r.outcome,
    latency_ms: r.latencyMs,
    source: r.source,
  }));
  if (csv) {
    return new Response(toCsv(out), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="spendline-events.csv"' },
    });
  }
  return {
    events: out,
    next_cursor: nextCursor,
    // raw events before raw_events_kept_from are past retention: not listed (rollup totals keep them)
    retention: {
      raw_event_retention_months: retention.months,
      raw_events_kept_from: retention.keptFrom?.toISOString().slice(0, 10) ?? null,
      period_past_retention: retention.pastRetention,
    },
  };
});
