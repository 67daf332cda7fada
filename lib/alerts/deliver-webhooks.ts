import "server-only";
import { db } from "../db";
import { OutboundError, safeFetch } from "../net/safe-fetch";
import { backoffMs, MAX_ATTEMPTS, SIGNATURE_HEADER, signBody } from "./sign";

/**
 * Webhook delivery: each pending WebhookDelivery whose time has come is POSTed as JSON,
 * signed with the endpoint's secret (see sign.ts). A 2xx answer delivers it; anything else
 * (status, timeout, refused connection) schedules a retry with exponential backoff, up to
 * MAX_ATTEMPTS, then marks it failed with the last error. Called right after an alert is
 * raised and by the background loop (instrumentation.ts) for retries.
 *
 * Every delivery goes through the outbound guard (lib/net): the URL was checked when saved and
 * is checked again here (its DNS may have changed), the connection is pinned to the checked
 * address, redirects are not followed. The recorded error is either "HTTP <status>" from the
 * receiver or one fixed sentence (NO_ANSWER) whether the target was refused, unreachable or
 * silent, so delivery outcomes cannot be used to scan the installation's network.
 */
export const NO_ANSWER = "no answer: connection failed or timed out, or the address is not allowed (docs/security.md)";
export const DEFAULT_BACKOFF_MS = 30_000;
export const REQUEST_TIMEOUT_MS = 5_000;
/**
 * A pass stops taking deliveries after this long (the rest wait for the next pass, which the
 * job queue runs at once). With one request's timeout on top it ends well inside the job's
 * expiry (jobs/definitions.ts), so a pass whose worker died is retried within a minute or so
 * instead of holding the stately queue for minutes (issue 21's proof lost webhooks that way).
 */
export const PASS_BUDGET_MS = 20_000;
const PASS_SIZE = 50;

let running: Promise<WebhookPass> | null = null;

export type WebhookPass = { delivered: number; /** due deliveries left for the next pass */ more: boolean };

export function deliverDueWebhooks(opts: { baseBackoffMs?: number; now?: Date; budgetMs?: number } = {}): Promise<WebhookPass> {
  // one pass at a time per process; a caller arriving mid-pass waits for it
  if (!running) running = pass(opts).finally(() => (running = null));
  return running;
}

async function pass({
  baseBackoffMs = DEFAULT_BACKOFF_MS,
  now = new Date(),
  budgetMs = PASS_BUDGET_MS,
}: {
  baseBackoffMs?: number;
  now?: Date;
  budgetMs?: number;
}): Promise<WebhookPass> {
  const started = performance.now();
  const due = await db().webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: PASS_SIZE,
  });
  let delivered = 0;
  for (const d of due) {
    if (performance.now() - started >= budgetMs) return { delivered, more: true };
    const [endpoint, alert] = await Promise.all([
      db().webhookEndpoint.findFirst({ where: { id: d.endpointId, organizationId: d.organizationId } }),
      db().alert.findFirst({ where: { id: d.alertId, organizationId: d.organizationId } }),
    ]);
    if (!endpoint || !alert || !endpoint.enabled) {
      await db().webhookDelivery.update({
        where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
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
      const res = await safeFetch(
        endpoint.url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Spendline-Webhook/1",
            [SIGNATURE_HEADER]: signBody(endpoint.secret, body, Math.floor(Date.now() / 1000)),
          },
          body,
        },
        { purpose: "webhook", timeoutMs: REQUEST_TIMEOUT_MS, readBody: false },
      );
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      if (!(e instanceof OutboundError)) throw e;
      console.warn(`webhook ${endpoint.id}: ${e.kind} (${e.detail})`); // the cause stays in the server log
      error = NO_ANSWER;
    }
    if (!error) {
      delivered++;
      await db().webhookDelivery.update({
        where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
        data: { status: "delivered", attempts, deliveredAt: new Date(), lastError: null },
      });
    } else {
      await db().webhookDelivery.update({
        where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
        data:
          attempts >= MAX_ATTEMPTS
            ? { status: "failed", attempts, lastError: error }
            : { attempts, lastError: error, nextAttemptAt: new Date(Date.now() + backoffMs(attempts, baseBackoffMs)) },
      });
    }
  }
  return { delivered, more: due.length === PASS_SIZE };
}
