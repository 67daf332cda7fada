import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { uploadEventRows } from "@/lib/ingestion/upload-events";

/** CSV upload from the Events page: the browser parses the file and posts chunks of rows (limited to what the uploader may own, audited). */
export const POST = apiRoute(endpoints["POST /api/v1/events/upload"], async ({ principal, body }) => uploadEventRows(principal, body.rows));
