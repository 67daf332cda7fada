import "server-only";
import { db } from "../db";
import type { Principal } from "../auth/principal";
import { actorOf } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { csvRowToEvent } from "./csv-rows";
import { ingestEvents, type IngestResult } from "./ingest-events";
import { rawId } from "./schemas";
import { uploadRowRefusal } from "./upload-scope";

/**
 * A person's CSV upload (Events page, POST /api/v1/events/upload; the page posts chunks of at
 * most 1,000 rows). Rows outside what the uploader may own are rejected one by one
 * (upload-scope.ts), the rest are ingested as any events are, and the request is audited:
 * one `events.upload` entry naming the person, with the counts and the ids of the rows sent
 * on to ingestion — the record of who added which events.
 */
export async function uploadEventRows(principal: Principal, rows: Record<string, unknown>[]): Promise<IngestResult> {
  const organizationId = principal.organizationId;
  const events = rows.map(csvRowToEvent);
  const features = [...new Set(events.map((e) => (typeof e.feature === "string" ? e.feature.trim() : "")).filter(Boolean))];
  const ownerTeamOf = new Map(
    principal.role === "ENGINEERING_LEAD" && features.length
      ? (await db().feature.findMany({ where: { organizationId, name: { in: features } }, select: { name: true, ownerTeam: true } })).map(
          (f) => [f.name, f.ownerTeam] as const,
        )
      : [],
  );
  const outOfScope: IngestResult["rejected"] = [];
  const inScope: { index: number; event: Record<string, unknown> }[] = [];
  events.forEach((event, index) => {
    const refusal = uploadRowRefusal(principal, event, ownerTeamOf);
    if (refusal) outOfScope.push({ index, id: rawId(event), errors: [refusal] });
    else inScope.push({ index, event });
  });

  const result = inScope.length
    ? await ingestEvents(
        organizationId,
        inScope.map((r) => r.event),
        { source: "csv" },
      )
    : { accepted: 0, duplicates: 0, rejected: [] };
  // the ingest result counts positions in the rows it was given: back to the file's rows
  const invalid = result.rejected.map((r) => ({ ...r, index: inScope[r.index].index }));
  const rejected = [...outOfScope, ...invalid].sort((a, b) => a.index - b.index);
  const invalidAt = new Set(invalid.map((r) => r.index));
  const sent = inScope.filter((r) => !invalidAt.has(r.index));

  await writeAudit({
    organizationId,
    actor: actorOf(principal),
    action: "events.upload",
    targetType: "events",
    after: {
      rows: rows.length,
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: rejected.length,
      out_of_scope: outOfScope.length,
      teams: [...new Set(sent.map((r) => String(r.event.team ?? "")))].sort(),
      features: [...new Set(sent.map((r) => String(r.event.feature ?? "")))].sort(),
      event_ids: sent.map((r) => rawId(r.event)),
    },
  });
  return { accepted: result.accepted, duplicates: result.duplicates, rejected };
}
