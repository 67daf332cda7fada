import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "../audit/actor";
import { assertPublicUrl, OutboundError } from "../net/safe-fetch";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { alertActionRefusal, hiddenAlertKinds, mayReadAlertKind, type AlertReader } from "./visibility";

export type AlertDto = {
  id: string;
  kind: string;
  severity: string;
  state: string;
  feature: string | null;
  team: string | null;
  title: string;
  evidence: unknown;
  created_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
};

type AlertRow = Awaited<ReturnType<ReturnType<typeof db>["alert"]["findFirstOrThrow"]>>;

export function alertDto(a: AlertRow): AlertDto {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    state: a.state,
    feature: a.feature,
    team: a.team,
    title: a.title,
    evidence: a.evidence,
    created_at: a.createdAt.toISOString(),
    acknowledged_at: a.acknowledgedAt?.toISOString() ?? null,
    resolved_at: a.resolvedAt?.toISOString() ?? null,
  };
}

/** How many alerts this reader may see are open (not acknowledged or resolved). */
export async function countOpenAlerts(organizationId: string, reader: AlertReader): Promise<number> {
  return db().alert.count({ where: { organizationId, state: "open", kind: { notIn: hiddenAlertKinds(reader) } } });
}

/** The alerts this reader may see: those about things they may read (lib/alerts/visibility.ts). */
export async function listAlerts(organizationId: string, reader: AlertReader, opts: { state?: string; limit?: number } = {}) {
  const rows = await db().alert.findMany({
    where: { organizationId, kind: { notIn: hiddenAlertKinds(reader) }, ...(opts.state ? { state: opts.state } : {}) },
    // newest first; alerts raised in the same instant (one evaluation) newest-created first: a cuid
    // grows with creation within a process. Without the tie-break the order of equal createdAt
    // followed the query plan, which changed with the organisation-first key
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 100,
  });
  return rows.map(alertDto);
}

export async function transitionAlert(
  organizationId: string,
  id: string,
  action: "acknowledge" | "resolve" | "reopen",
  actor: Actor,
  reader: AlertReader,
) {
  const a = await db().alert.findFirst({ where: { id, organizationId } });
  if (!a || !mayReadAlertKind(reader, a.kind)) throw new AppError("not_found", "No such alert.");
  const refusal = alertActionRefusal(reader, a.team);
  if (refusal) throw new AppError("forbidden", refusal);
  const now = new Date();
  const data =
    action === "acknowledge"
      ? { state: "acknowledged", acknowledgedAt: now, acknowledgedById: actor.userId ?? null }
      : action === "resolve"
        ? { state: "resolved", resolvedAt: now, resolvedById: actor.userId ?? null }
        : { state: "open", resolvedAt: null, acknowledgedAt: null };
  const row = await db().alert.update({ where: { organizationId_id: { organizationId: organizationId, id: id } }, data });
  await writeAudit({
    organizationId,
    actor,
    action: `alert.${action}`,
    targetType: "Alert",
    targetId: id,
    before: { state: a.state },
    after: { state: row.state },
  });
  return alertDto(row);
}

export async function listWebhooks(organizationId: string) {
  const rows = await db().webhookEndpoint.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
  const stats = await db().webhookDelivery.groupBy({ by: ["endpointId", "status"], where: { organizationId }, _count: { _all: true } });
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
    deliveries: Object.fromEntries(stats.filter((s) => s.endpointId === r.id).map((s) => [s.status, s._count._all])),
  }));
}

/** The secret is returned once, at creation, to configure the receiver's verification. */
export async function createWebhook(organizationId: string, input: { url: string; secret?: string }, actor: Actor) {
  // the outbound guard refuses loopback, private, link-local and metadata addresses in any
  // spelling (unless the installation allows them); delivery checks again (DNS can change)
  try {
    await assertPublicUrl(input.url, { purpose: "webhook" });
  } catch (e) {
    if (e instanceof OutboundError) throw new AppError("validation_failed", e.message, [{ path: "url", message: e.message }]);
    throw e;
  }
  const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
  const row = await db().webhookEndpoint.create({ data: { organizationId, url: input.url, secret } });
  await writeAudit({
    organizationId,
    actor,
    action: "webhook.create",
    targetType: "WebhookEndpoint",
    targetId: row.id,
    after: { url: row.url },
  });
  return { id: row.id, url: row.url, secret, enabled: row.enabled };
}

export async function deleteWebhook(organizationId: string, id: string, actor: Actor) {
  const row = await db().webhookEndpoint.findFirst({ where: { id, organizationId } });
  if (!row) throw new AppError("not_found", "No such webhook endpoint.");
  await db().webhookEndpoint.delete({ where: { organizationId_id: { organizationId: organizationId, id: id } } });
  await writeAudit({
    organizationId,
    actor,
    action: "webhook.delete",
    targetType: "WebhookEndpoint",
    targetId: id,
    before: { url: row.url },
  });
  return { id, deleted: true };
}
