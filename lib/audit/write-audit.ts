import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { isNoOp } from "./diff";
import { requestClient } from "../net/request-client";
import type { Actor } from "./actor";

type AuditClient = Pick<Prisma.TransactionClient, "auditLog">;

/**
 * Every admin action (members, keys, price book, budgets, month close/reopen, sign-ins) lands
 * here with who (member or API key; neither = the installation: CLI, seed, background work),
 * what (action, target, before/after) and from where (client address and user agent: the
 * actor's, else the request being served).
 * An edit whose before and after are equal (a form saved unchanged) is not recorded.
 */
export async function writeAudit(
  entry: {
    organizationId: string;
    actor: Actor;
    action: string;
    targetType?: string;
    targetId?: string;
    before?: unknown;
    after?: unknown;
  },
  client: AuditClient = db(),
) {
  if (isNoOp(entry.before, entry.after)) return;
  const from = entry.actor.ip !== undefined || entry.actor.userAgent !== undefined ? entry.actor : await requestClient();
  await client.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorUserId: entry.actor.userId ?? null,
      actorApiKeyId: entry.actor.apiKeyId ?? null,
      actorIp: from.ip ?? null,
      actorUserAgent: from.userAgent ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before === undefined ? undefined : (JSON.parse(JSON.stringify(entry.before)) as Prisma.InputJsonValue),
      after: entry.after === undefined ? undefined : (JSON.parse(JSON.stringify(entry.after)) as Prisma.InputJsonValue),
    },
  });
}
