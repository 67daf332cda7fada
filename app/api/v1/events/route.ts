import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { eventsAnswer } from "@/lib/ingestion/events-answer";
import { readEventsBody } from "@/lib/ingestion/read-body";
import { countIngested } from "@/lib/health/metrics";

/** The v1 ingestion contract (docs/ingestion.md): JSON array, { events: [...] } or NDJSON; ≤1,000 events, ≤2 MiB. */
export const POST = apiRoute(endpoints["POST /api/v1/events"], async ({ req, principal }) => {
  const events = await readEventsBody(req);
  const result = await ingestEvents(principal.organizationId, events, { source: "api", apiKeyId: principal.apiKeyId ?? null });
  countIngested(result);
  return result;
});

/** Raw events, newest first, keyset-paginated (`next_cursor`); `format=csv` for a download (≤10,000 rows). */
export const GET = apiRoute(endpoints["GET /api/v1/events"], async ({ principal, query }) => {
  const answer = await eventsAnswer(principal.organizationId, query);
  if (answer.json) return answer.json;
  return new Response(answer.csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="spendline-events.csv"' },
  });
});
