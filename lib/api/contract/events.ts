import { z } from "zod";
import { defineEndpoint as e } from "../route-contract";
import * as ingestion from "../../ingestion/schemas";

/** Events: part of the API contract (lib/api/endpoints.ts). */
export const eventsEndpoints = {
  "POST /api/v1/events": e({
    method: "POST",
    path: "/api/v1/events",
    summary: "Send cost events",
    description:
      'The v1 ingestion contract (docs/ingestion.md): a JSON array, `{ "events": [...] }` or NDJSON; at most 1,000 events and 2 MiB per request. Each event is stored, counted as a duplicate, or rejected with one message per invalid field.',
    auth: "key",
    capability: "events.ingest",
    rawBody: {
      "application/json": { description: "an array of cost events, or { events: [...] }", schema: ingestion.eventsBatchSchema },
      "application/x-ndjson": { description: "one cost event per line" },
    },
    response: ingestion.ingestResultSchema,
  }),
  "GET /api/v1/events": e({
    method: "GET",
    path: "/api/v1/events",
    summary: "List raw events",
    description: "Newest first, keyset-paginated (`next_cursor`); `format=csv` downloads up to 10,000 rows.",
    capability: "dashboards.read",
    query: ingestion.eventsQuerySchema,
    response: ingestion.eventsListResponse,
    otherResponses: { "text/csv": "the same rows as CSV (format=csv)" },
  }),
  "POST /api/v1/events/upload": e({
    method: "POST",
    path: "/api/v1/events/upload",
    summary: "Upload CSV rows (Events page)",
    description: "The browser parses a CSV file and posts chunks of at most 1,000 rows (column names as in the CSV template).",
    auth: "session",
    capability: "events.upload",
    body: ingestion.csvUploadSchema,
    bodyLimit: 4 * 1024 * 1024,
    response: ingestion.ingestResultSchema,
  }),
  "POST /api/v1/otlp/v1/traces": e({
    method: "POST",
    path: "/api/v1/otlp/v1/traces",
    summary: "OTLP/HTTP trace export",
    description:
      "Spans with GenAI semantic-convention attributes become cost events. The answer is an ExportTraceServiceResponse in the request's encoding; `partialSuccess` counts spans that could not be stored.",
    auth: "key",
    capability: "events.ingest",
    rawBody: {
      "application/x-protobuf": { description: "ExportTraceServiceRequest (protobuf)" },
      "application/json": { description: "ExportTraceServiceRequest (OTLP JSON)" },
    },
    response: z.strictObject({
      partialSuccess: z.strictObject({ rejectedSpans: z.string(), errorMessage: z.string() }).optional(),
    }),
    otherResponses: { "application/x-protobuf": "ExportTraceServiceResponse (protobuf requests)" },
  }),
};
