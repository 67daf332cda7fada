import "server-only";
import { toCsv } from "../csv/to-csv";
import { listEvents } from "./list-events";
import { linesFromStored, type PriceLine } from "../pricing/price-lines";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import type { EventsQuery } from "./list-events";

/**
 * GET /api/v1/events in the contract's field names (lib/ingestion/schemas.ts eventsListResponse):
 * a page of raw events, newest first, or with `format=csv` up to 10,000 of them as one CSV.
 */
export async function eventsAnswer(organizationId: string, query: EventsQuery) {
  const csv = query.format === "csv";
  const { rows, nextCursor, retention } = await listEvents(organizationId, { ...query, limit: query.limit ?? (csv ? 10_000 : 100) });
  const events = rows.map((r) => ({
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
    service_tier: r.serviceTier,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cached_input_tokens: r.cachedInputTokens,
    reasoning_tokens: r.reasoningTokens,
    cost_usd: formatUsd6(parseUsd(r.cost)),
    catalog_cost_usd: r.catalogCost === null ? null : formatUsd6(parseUsd(r.catalogCost)),
    cost_source: r.costSource,
    unpriced: r.unpriced,
    usage_reported: !r.usageMissing,
    ...(csv ? {} : { price_lines: r.priceLines ? linesToWire(linesFromStored(r.priceLines)) : null }),
    margin_usd: r.margin === null ? null : formatUsd6(parseUsd(r.margin)),
    outcome: r.outcome,
    latency_ms: r.latencyMs,
    source: r.source,
  }));
  if (csv) return { csv: toCsv(events) };
  return {
    json: {
      events,
      next_cursor: nextCursor,
      // raw events before raw_events_kept_from are past retention: not listed (rollup totals keep them)
      retention: {
        raw_event_retention_months: retention.months,
        raw_events_kept_from: retention.keptFrom?.toISOString().slice(0, 10) ?? null,
        period_past_retention: retention.pastRetention,
      },
    },
  };
}

/** The API's form of the lines (events list): money as 6-decimal strings, every field present. */
function linesToWire(lines: readonly PriceLine[]) {
  return lines.map((l) => ({
    kind: l.kind,
    quantity: l.quantity,
    cost_usd: formatUsd6(l.costPico),
    unit_price_usd: l.unitPricePico === null ? null : toDecimalString(l.unitPricePico),
    unpriced: l.unpriced,
    service_tier: l.serviceTier ?? null,
    tier_basis: l.tierBasis ?? null,
    long_context_above: l.longContextAbove ?? null,
    standard_cost_usd: l.standardCostPico === undefined ? null : formatUsd6(l.standardCostPico),
    source: l.source ?? null,
    percent: l.percent ?? null,
  }));
}
