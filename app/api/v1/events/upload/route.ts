import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { csvRowToEvent } from "@/lib/ingestion/csv-rows";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/ingestion/schemas";

/** CSV upload from the Events page: the browser parses the file and posts chunks of rows. */
const body = z.strictObject({
  rows: z.array(z.record(z.string(), z.unknown())).max(MAX_EVENTS_PER_REQUEST, { error: `at most ${MAX_EVENTS_PER_REQUEST} rows per request` }),
});

export const POST = apiRoute({ capability: "events.upload", auth: "session", body }, async ({ principal, body }) =>
  ingestEvents(principal.organizationId, body.rows.map(csvRowToEvent), { source: "csv" }),
);
