import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createOverride, deleteOverride, overrideHistory } from "@/lib/pricing/manage-overrides";
import { getJob, jobSettled } from "@/lib/pricing/restate-events";
import { startJobWorkers, stopJobWorkers } from "@/lib/workers";
import { overrideInputSchema } from "@/lib/pricing/schemas";
import { verifyRollups } from "@/lib/rollups/verify-rollups";

useTestDatabase();

let orgId = "";
const actor = { userId: null, apiKeyId: null };

// restatements are durable jobs (lib/jobs): this process works the queue, as a server would
beforeAll(() => startJobWorkers({ pollingIntervalSeconds: 0.5, only: ["restatement"] }));
afterAll(() => stopJobWorkers(5_000));

beforeAll(async () => {
  orgId = (await db().organization.create({ data: { slug: "restate", name: "Restate" } })).id;
  const events = [];
  for (let i = 0; i < 60; i++) {
    const month = i < 30 ? "03" : "04";
    events.push({
      id: `r-${i}`,
      timestamp: `2025-${month}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z`,
      feature: i % 2 ? "chat" : "search",
      session_id: `s-${i % 5}`,
      provider: "openai",
      model: "gpt-4o-2024-05-13",
      usage: { input_tokens: 1_000_000, output_tokens: 0 },
      ...(i === 59 ? { cost_usd: "1.25" } : {}),
    });
  }
  await ingestEvents(orgId, events);
  // March is closed: its chargeback is frozen and must not be restated
  await db().chargebackPeriod.create({ data: { organizationId: orgId, month: "2025-03", status: "closed", closedAt: new Date() } });
});

/** The job runs in this process's worker: wait for it to settle, then read its row (no polling, no sleeping). */
async function waitJob(id: string) {
  await jobSettled(orgId, id);
  const j = await getJob(orgId, id);
  if (!j || (j.status !== "done" && j.status !== "failed")) throw new Error(`job ${id} settled in status ${j?.status}`);
  return j;
}

const cost = async (id: string) => await db().costEvent.findFirstOrThrow({ where: { organizationId: orgId, eventId: id } });

test("a back-dated discount restates open months only, keeps caller costs, rollups stay exact", async () => {
  expect((await cost("r-40")).costUsd.toFixed(6)).toBe("5.000000");
  const input = overrideInputSchema.parse({
    model: "gpt-4o-2024-05-13",
    kind: "discount",
    discount_percent: "20",
    effective_from: "2025-01-01",
    note: "negotiated",
  });
  const { job_id } = await createOverride(orgId, input, actor);
  expect(job_id).toBeTruthy();
  const job = await waitJob(job_id!);
  expect(job.status).toBe("done");
  expect(job.processed).toBe(30);
  const s = job.summary as { events_changed: number; delta_usd: string; closed_months_skipped: string[] };
  // 29 April events move from $5 to $4; the caller-priced one keeps $1.25
  expect(s.events_changed).toBe(29);
  expect(s.delta_usd).toBe("-29.000000");
  expect(s.closed_months_skipped).toEqual(["2025-03"]);
  expect((await cost("r-40")).costUsd.toFixed(6)).toBe("4.000000");
  expect((await cost("r-10")).costUsd.toFixed(6)).toBe("5.000000"); // closed March untouched
  const callerRow = await cost("r-59");
  expect(callerRow.costUsd.toFixed(6)).toBe("1.250000");
  expect(callerRow.catalogCostUsd?.toFixed(6)).toBe("4.000000");
  expect(await verifyRollups(orgId)).toEqual([]);

  // new events are priced with the override at once
  await ingestEvents(orgId, [
    {
      id: "new-1",
      timestamp: "2025-04-20T00:00:00Z",
      feature: "chat",
      model: "gpt-4o-2024-05-13",
      usage: { input_tokens: 1_000_000, output_tokens: 0 },
    },
  ]);
  expect((await cost("new-1")).costSource).toBe("override");

  // deleting the override restates back to the catalog
  const overrideId = (await db().priceOverride.findFirstOrThrow({ where: { organizationId: orgId } })).id;
  const del = await deleteOverride(orgId, overrideId, actor);
  expect((await waitJob(del.job_id!)).status).toBe("done");
  expect((await cost("r-40")).costUsd.toFixed(6)).toBe("5.000000");
  expect(await verifyRollups(orgId)).toEqual([]);

  const history = await overrideHistory(orgId);
  expect(history.map((h) => h.action)).toEqual(["price_override.delete", "price_override.create"]);
});
