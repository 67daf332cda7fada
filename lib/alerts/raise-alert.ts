import "server-only";
import { db, Prisma } from "../db";
import { runtimeCache } from "../runtime";

export type NewAlert = {
  kind: "budget" | "anomaly" | "freemium" | "detector" | "reconciliation";
  severity?: "info" | "warning" | "critical";
  feature?: string | null;
  team?: string | null;
  title: string;
  evidence: Record<string, unknown>;
  /** one alert per key and organisation (e.g. budget:<id>:<month>:80) */
  dedupeKey: string;
};

// keys already raised in this process: skip the insert on every later batch
const raised = runtimeCache<string, true>("Raised");

/** Opens an alert once per dedupe key and queues a webhook delivery to each enabled endpoint. */
export async function raiseAlert(organizationId: string, a: NewAlert): Promise<{ id: string; created: boolean } | null> {
  const memo = `${organizationId}|${a.dedupeKey}`;
  if (raised.has(memo)) return null;
  const rows = await db().$transaction(async (tx) => {
    const created = await tx.alert.createManyAndReturn({
      data: [
        {
          organizationId,
          kind: a.kind,
          severity: a.severity ?? "warning",
          feature: a.feature ?? null,
          team: a.team ?? null,
          title: a.title,
          evidence: JSON.parse(JSON.stringify(a.evidence)) as Prisma.InputJsonValue,
          dedupeKey: a.dedupeKey,
        },
      ],
      skipDuplicates: true,
    });
    let queued = 0;
    if (created.length) {
      const endpoints = await tx.webhookEndpoint.findMany({ where: { organizationId, enabled: true }, select: { id: true } });
      if (endpoints.length) {
        queued = (
          await tx.webhookDelivery.createMany({
            data: endpoints.map((e) => ({ organizationId, endpointId: e.id, alertId: created[0].id })),
          })
        ).count;
      }
    }
    return { created, queued };
  });
  raised.set(memo, true);
  if (!rows.created.length) return { id: "", created: false };
  // deliver now through the queue (one pass at a time across instances); without a running queue (CLI, tests) the next scheduled pass does
  if (rows.queued)
    void import("../jobs/queue")
      .then((q) => q.enqueueIfWorking("webhooks-deliver"))
      .catch((e) => console.error("webhook delivery failed:", e));
  return { id: rows.created[0].id, created: true };
}

/** Tests reuse keys across databases. */
export function forgetRaisedAlerts(): void {
  raised.clear();
}
