import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { csvRowToEvent } from "@/lib/ingestion/csv-rows";
import { ingestEvents } from "@/lib/ingestion/ingest-events";

/** CSV upload from the Events page: the browser parses the file and posts chunks of rows. */
export const POST = apiRoute(endpoints["POST /api/v1/events/upload"], async ({ principal, body }) =>
  ingestEvents(principal.organizationId, body.rows.map(csvRowToEvent), { source: "csv" }),
);
