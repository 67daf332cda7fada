import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { isNoOp } from "./diff";

type AuditClient = Pick<Prisma.TransactionClient, "auditLog">;

/**
 * Every admin action (members, keys, price book, budgets, month close/reopen) lands here.
 * An edit whose before and after are equal (a form saved unchanged) is not recorded.
 */
export async function writeAudit(
  entry: {
    organizationId: string;
    actor: { userId?: string | null; apiKeyId?: string | null };
    action: string;
    targetType?: string;
    targetId?: string;
    before?: unknown;
    after?: unknown;
  },
  client: AuditClient = db(),
) {
  if (isNoOp(entry.before, entry.after)) return;
  await client.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorUserId: entry.actor.userId ?? null,
      actorApiKeyId: entry.actor.apiKeyId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before === undefined ? undefined : (JSON.parse(JSON.stringify(entry.before)) as Prisma.InputJsonValue),
      after: entry.after === undefined ? undefined : (JSON.parse(JSON.stringify(entry.after)) as Prisma.InputJsonValue),
    },
  });
}
