import { apiRoute } from "@/lib/api/route";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { readEventsBody } from "@/lib/ingestion/read-body";

/** The v1 ingestion contract (SPEC.md): JSON array, { events: [...] } or NDJSON; ≤1,000 events, ≤2 MiB. */
export const POST = apiRoute({ capability: "events.ingest", auth: "key" }, async ({ req, principal }) => {
  const events = await readEventsBody(req);
  return ingestEvents(principal.organizationId, events, { source: "api" });
});
