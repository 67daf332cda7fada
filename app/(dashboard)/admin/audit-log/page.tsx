import { requireMember } from "@/lib/auth/page-guard";
import { db } from "@/lib/db";
import { changes } from "@/lib/audit/diff";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLogTable } from "@/components/admin/audit-log-table";

export const metadata = { title: "Audit log" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Search = { actor?: string; action?: string; from?: string; to?: string };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const me = await requireMember("audit.read");
  const sp = await searchParams;
  const org = me.organizationId;
  const from = sp.from && DAY.test(sp.from) ? sp.from : "";
  const to = sp.to && DAY.test(sp.to) ? sp.to : "";
  const [members, actions] = await Promise.all([
    db().membership.findMany({ where: { organizationId: org }, select: { userId: true, user: { select: { email: true } } }, take: 500 }),
    db().auditLog.findMany({
      where: { organizationId: org },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
      take: 200,
    }),
  ]);
  const actorId = sp.actor && members.some((m) => m.userId === sp.actor) ? sp.actor : sp.actor === "system" ? "system" : "";
  const area = sp.action && /^[a-z_.]+$/.test(sp.action) ? sp.action : "";
  const rows = await db().auditLog.findMany({
    where: {
      organizationId: org,
      ...(actorId === "system" ? { actorUserId: null } : actorId ? { actorUserId: actorId } : {}),
      ...(area ? { action: { startsWith: area } } : {}),
      ...(from || to
        ? {
            at: {
              ...(from ? { gte: new Date(from + "T00:00:00Z") } : {}),
              ...(to ? { lt: new Date(Date.parse(to + "T00:00:00Z") + 86_400_000) } : {}),
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
    db().apiKey.findMany({ where: { id: { in: keyIds }, organizationId: org }, select: { id: true, name: true, prefix: true } }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const keyName = new Map(keys.map((k) => [k.id, `key ${k.name} (${k.prefix}…)`]));
  const areas = [...new Set(actions.map((a) => a.action.split(".")[0]))];
  return (
    <>
      <PageHeader
        title="Audit log"
        description="The latest 200 administrative actions matching the filters: who did what, when, and what changed. Saving something unchanged is not recorded."
      />
      <form method="get" action="/admin/audit-log" className="filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="al-actor">Who</label>
          <select id="al-actor" name="actor" defaultValue={actorId}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.user.email}
              </option>
            ))}
            <option value="system">System (CLI) or API key</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-action">What</label>
          <select id="al-action" name="action" defaultValue={area}>
            <option value="">Every action</option>
            {areas.map((a) => (
              <optgroup key={a} label={a}>
                <option value={a}>{a}.* (all)</option>
                {actions
                  .filter((x) => x.action.startsWith(a + "."))
                  .map((x) => (
                    <option key={x.action} value={x.action}>
                      {x.action}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-from">From</label>
          <input id="al-from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="al-to">To (inclusive)</label>
          <input id="al-to" name="to" type="date" defaultValue={to} />
        </div>
        <div className="field" style={{ alignSelf: "flex-end", display: "flex", gap: 8 }}>
          <button className="btn btn-primary">Filter</button>
          <a className="btn" href="/admin/audit-log">
            Clear
          </a>
        </div>
      </form>
      <AuditLogTable
        rows={rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          action: r.action,
          actor: r.actorUserId
            ? (email.get(r.actorUserId) ?? "deleted user")
            : r.actorApiKeyId
              ? (keyName.get(r.actorApiKeyId) ?? "API key")
              : "system (CLI)",
          target: `${r.targetType ?? ""} ${r.targetId?.slice(0, 10) ?? ""}`.trim(),
          changes: changes(r.before, r.after),
        }))}
      />
    </>
  );
}
