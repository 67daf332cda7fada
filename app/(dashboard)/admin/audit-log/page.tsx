import { requireMember } from "@/lib/auth/page-guard";
import { db } from "@/lib/db";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLogTable } from "@/components/admin/audit-log-table";

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
          before: r.before ? JSON.stringify(r.before) : "—",
          after: r.after ? JSON.stringify(r.after) : "—",
        }))}
      />
    </>
  );
}
