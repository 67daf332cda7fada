import { requireMember } from "@/lib/auth/page-guard";
import { db } from "@/lib/db";
import { PageHeader } from "@/components/ui/page-header";

export default async function AuditLogPage() {
  const me = await requireMember("audit.read");
  const rows = await db().auditLog.findMany({
    where: { organizationId: me.organizationId },
    orderBy: { at: "desc" },
    take: 200,
  });
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => Boolean(x)))];
  const keyIds = [...new Set(rows.map((r) => r.actorApiKeyId).filter((x): x is string => Boolean(x)))];
  const [users, keys] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db().apiKey.findMany({ where: { id: { in: keyIds }, organizationId: me.organizationId }, select: { id: true, name: true, prefix: true } }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const keyName = new Map(keys.map((k) => [k.id, `key ${k.name} (${k.prefix}…)`]));
  return (
    <>
      <PageHeader title="Audit log" description="The latest 200 administrative actions: who did what, when, and what changed." />
      <div className="card table-wrap">
        {rows.length === 0 ? (
          <p className="muted">No administrative actions yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr><th>When (UTC)</th><th>Action</th><th>Actor</th><th>Target</th><th>Before → after</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td style={{ whiteSpace: "nowrap" }}>{r.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td><code>{r.action}</code></td>
                  <td>{r.actorUserId ? (email.get(r.actorUserId) ?? "deleted user") : r.actorApiKeyId ? (keyName.get(r.actorApiKeyId) ?? "API key") : "system (CLI)"}</td>
                  <td>{r.targetType ?? ""} {r.targetId?.slice(0, 10) ?? ""}</td>
                  <td><code style={{ fontSize: 12 }}>{r.before ? JSON.stringify(r.before) : "—"} → {r.after ? JSON.stringify(r.after) : "—"}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
