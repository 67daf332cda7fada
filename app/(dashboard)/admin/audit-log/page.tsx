import { withoutNul } from "@/lib/api/search-params";
import { requireMember } from "@/lib/auth/page-guard";
import { listAuditLog, type AuditLogFilters } from "@/lib/audit/list-audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLogTable } from "@/components/admin/audit-log-table";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<AuditLogFilters> }) {
  const me = await requireMember("audit.read");
  const { filters, members, actions, areas, rows } = await listAuditLog(
    me.organizationId,
    withoutNul(await searchParams).params, // a NUL byte in a filter would reach PostgreSQL
  );
  const { actorId, area, from, to } = filters;
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
                {m.email}
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
                  .filter((x) => x.startsWith(a + "."))
                  .map((x) => (
                    <option key={x} value={x}>
                      {x}
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
      <AuditLogTable rows={rows} />
    </>
  );
}
