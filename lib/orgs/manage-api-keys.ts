import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import { createApiKey, evictKey } from "../auth/api-keys";
import type { Scope } from "../auth/roles";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";

export async function issueApiKey(organizationId: string, input: { name: string; scopes: Scope[] }, actor: Actor) {
  const { key, row } = await createApiKey({ organizationId, ...input, createdById: actor.userId ?? null });
  await writeAudit({
    organizationId,
    actor,
    action: "apikey.create",
    targetType: "api_key",
    targetId: row.id,
    after: { name: row.name, prefix: row.prefix, scopes: row.scopes },
  });
  return { key, id: row.id, prefix: row.prefix, name: row.name, scopes: row.scopes };
}

export async function listApiKeys(organizationId: string) {
  return db().apiKey.findMany({
    where: { organizationId },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiKey(organizationId: string, keyId: string, actor: Actor) {
  const row = await db().apiKey.findFirst({ where: { id: keyId, organizationId } });
  if (!row) throw new AppError("not_found", "No such API key in this organisation.");
  if (row.revokedAt) return row;
  const updated = await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  evictKey(row.id);
  await writeAudit({
    organizationId,
    actor,
    action: "apikey.revoke",
    targetType: "api_key",
    targetId: row.id,
    before: { name: row.name, prefix: row.prefix, scopes: row.scopes },
  });
  return updated;
}
