import "server-only";
import { db } from "../db";
import { backoffMs, MAX_ATTEMPTS, SIGNATURE_HEADER, signBody } from "./sign";

/**
 * Webhook delivery: each pending WebhookDelivery whose time has come is POSTed as JSON,
 * signed with the endpoint's secret (see sign.ts). A 2xx answer delivers it; anything else
 * (status, timeout, refused connection) schedules a retry with exponential backoff, up to
 * MAX_ATTEMPTS, then marks it failed with the last error. Called right after an alert is
 * raised and by the background loop (instrumentation.ts) for retries.
 */
export const DEFAULT_BACKOFF_MS = 30_000;
const TIMEOUT_MS = 5_000;

let running: Promise<number> | null = null;

export function deliverDueWebhooks(opts: { baseBackoffMs?: number; now?: Date } = {}): Promise<number> {
  // one pass at a time per process; a caller arriving mid-pass waits for it
  if (!running) running = pass(opts).finally(() => (running = null));
  return running;
}

async function pass({ baseBackoffMs = DEFAULT_BACKOFF_MS, now = new Date() }: { baseBackoffMs?: number; now?: Date }): Promise<number> {
  const due = await db().webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: 50,
  });
  let delivered = 0;
  for (const d of due) {
    const [endpoint, alert] = await Promise.all([
      db().webhookEndpoint.findFirst({ where: { id: d.endpointId, organizationId: d.organizationId } }),
      db().alert.findFirst({ where: { id: d.alertId, organizationId: d.organizationId } }),
    ]);
    if (!endpoint || !alert || !endpoint.enabled) {
      await db().webhookDelivery.update({
        where: { id: d.id },
        data: { status: "failed", lastError: "endpoint or alert no longer exists / disabled" },
      });
      continue;
    }
    const body = JSON.stringify({
      type: "alert.opened",
      delivery_id: d.id,
      alert: {
        id: alert.id,
        kind: alert.kind,
        severity: alert.severity,
        state: alert.state,
        title: alert.title,
        feature: alert.feature,
        team: alert.team,
        evidence: alert.evidence,
        created_at: alert.createdAt.toISOString(),
      },
    });
    const attempts = d.attempts + 1;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Spendline-Webhook/1",
          [SIGNATURE_HEADER]: signBody(endpoint.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) error = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => {});
    } catch (e) {
      error = (e as Error).message;
    }
    if (!error) {
      delivered++;
      await db().webhookDelivery.update({
        where: { id: d.id },
        data: { status: "delivered", attempts, deliveredAt: new Date(), lastError: null },
      });
    } else {
      await db().webhookDelivery.update({
        where: { id: d.id },
        data:
          attempts >= MAX_ATTEMPTS
            ? { status: "failed", attempts, lastError: error }
            : { attempts, lastError: error, nextAttemptAt: new Date(Date.now() + backoffMs(attempts, baseBackoffMs)) },
      });
    }
  }
  return delivered;
}
