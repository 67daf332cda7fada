import { requireMember } from "@/lib/auth/page-guard";
import { retentionView } from "@/lib/storage/retention";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { RetentionForm } from "@/components/admin/retention-form";

export const dynamic = "force-dynamic";

export default async function DataRetentionPage() {
  const me = await requireMember("retention.manage");
  const view = await retentionView(me.organizationId);
  return (
    <>
      <PageHeader
        title="Data retention"
        description="How long Spendline keeps your raw cost events. Dashboards, chargeback and reports read rollups, which are kept forever: only the Events list, its CSV and restatements need raw events."
      />
      <RetentionForm months={view.raw_event_retention_months} keptFrom={view.raw_events_kept_from} dropped={view.dropped_months} />
      <p className="muted">
        Retention runs every six hours as a background job: see <Link href="/admin/jobs">Background jobs</Link>.
      </p>
    </>
  );
}
