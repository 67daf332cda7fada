import "server-only";
import { db } from "../db";
import { DAY_MS } from "../time";
import { changes } from "./diff";
import { displayChanges, displayTarget } from "./display";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type AuditLogFilters = { actor?: string; action?: string; from?: string; to?: string };

/**
 * The audit log page: the latest 200 actions matching the filters (who: a member or "system";
 * what: an action or its area prefix; from/to: UTC days, `to` inclusive), the filters as
 * understood (an unknown member or malformed day is dropped), and what the filter menus offer.
 */
export async function listAuditLog(organizationId: string, sp: AuditLogFilters) {
  const from = sp.from && DAY.test(sp.from) ? sp.from : "";
  const to = sp.to && DAY.test(sp.to) ? sp.to : "";
  const [memberRows, actionRows] = await Promise.all([
    db().membership.findMany({ where: { organizationId }, select: { userId: true, user: { select: { email: true } } }, take: 500 }),
    db().auditLog.findMany({
      where: { organizationId },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
      take: 200,
    }),
  ]);
  const members = memberRows.map((m) => ({ userId: m.userId, email: m.user.email }));
  const actions = actionRows.map((a) => a.action);
  const actorId = sp.actor && members.some((m) => m.userId === sp.actor) ? sp.actor : sp.actor === "system" ? "system" : "";
  const area = sp.action && /^[a-z_.]+$/.test(sp.action) ? sp.action : "";
  const rows = await db().auditLog.findMany({
    where: {
      organizationId,
      ...(actorId === "system" ? { actorUserId: null } : actorId ? { actorUserId: actorId } : {}),
      ...(area ? { action: { startsWith: area } } : {}),
      ...(from || to
        ? {
            at: {
              ...(from ? { gte: new Date(from + "T00:00:00Z") } : {}),
              ...(to ? { lt: new Date(Date.parse(to + "T00:00:00Z") + DAY_MS) } : {}),
            },
          }
        : {}),
    },
    orderBy: { at: "desc" },
    take: 200,
  });
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => Boolean(x)))];
  const keyIds = [...new Set(rows.map((r) => r.actorApiKeyId).filter((x): x is string => Boolean(x)))];
  const [users, keys] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db().apiKey.findMany({ where: { id: { in: keyIds }, organizationId }, select: { id: true, name: true, prefix: true } }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const names = await targetNames(organizationId, rows);
  const keyName = new Map(keys.map((k) => [k.id, `key ${k.name} (${k.prefix}…)`]));
  return {
    filters: { actorId, area, from, to },
    members,
    actions,
    areas: [...new Set(actions.map((a) => a.split(".")[0]))],
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actor: r.actorUserId
        ? (email.get(r.actorUserId) ?? "deleted user")
        : r.actorApiKeyId
          ? (keyName.get(r.actorApiKeyId) ?? "API key")
          : "system (CLI)",
      ip: r.actorIp,
      user_agent: r.actorUserAgent,
      target: displayTarget(r.targetType, r.targetId, r.targetId ? names.get(`${r.targetType}:${r.targetId}`) : undefined),
      changes: displayChanges(changes(r.before, r.after)),
    })),
  };
}

/** The names of the things the entries are about ("type:id" → name), one query per kind. */
async function targetNames(organizationId: string, rows: { targetType: string | null; targetId: string | null }[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!))];
  const where = (type: string) => ({ organizationId, id: { in: ids(type) } });
  const [accounts, keys, drafts, costs, budgets, features, hooks, alerts, members, overrides] = await Promise.all([
    db().billingAccount.findMany({ where: where("billing_account"), select: { id: true, name: true } }),
    db().apiKey.findMany({ where: where("api_key"), select: { id: true, name: true } }),
    db().policyDraft.findMany({ where: where("PolicyDraft"), select: { id: true, title: true } }),
    db().fixedCost.findMany({ where: where("FixedCost"), select: { id: true, name: true } }),
    db().budget.findMany({ where: where("Budget"), select: { id: true, scope: true, scopeRef: true } }),
    db().feature.findMany({ where: where("Feature"), select: { id: true, name: true } }),
    db().webhookEndpoint.findMany({ where: where("WebhookEndpoint"), select: { id: true, url: true } }),
    db().alert.findMany({ where: where("Alert"), select: { id: true, title: true } }),
    db().membership.findMany({ where: where("membership"), select: { id: true, user: { select: { email: true } } } }),
    db().priceOverride.findMany({ where: where("price_override"), select: { id: true, model: true } }),
  ]);
  const out = new Map<string, string>();
  const put = (type: string, list: { id: string }[], name: (x: never) => string) => {
    for (const x of list) out.set(`${type}:${x.id}`, name(x as never));
  };
  put("billing_account", accounts, (a: { name: string }) => a.name);
  put("api_key", keys, (k: { name: string }) => k.name);
  put("PolicyDraft", drafts, (d: { title: string }) => `“${d.title}”`);
  put("FixedCost", costs, (c: { name: string }) => c.name);
  put("Budget", budgets, (b: { scope: string; scopeRef: string }) =>
    b.scope === "org" ? "of the organisation" : `of ${b.scope} ${b.scopeRef}`,
  );
  put("Feature", features, (f: { name: string }) => f.name);
  put("WebhookEndpoint", hooks, (h: { url: string }) => h.url);
  put("Alert", alerts, (a: { title: string }) => `“${a.title}”`);
  put("membership", members, (m: { user: { email: string } }) => m.user.email);
  put("price_override", overrides, (o: { model: string }) => `for ${o.model}`);
  return out;
}
