import { requireMember } from "@/lib/auth/page-guard";
import { jobsView } from "@/lib/jobs/jobs-view";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { JobsTables } from "@/components/admin/jobs-tables";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  const me = await requireMember("retention.manage");
  const view = await jobsView(me.organizationId).catch((e: Error) => e);
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Work Spendline does on its own, as durable jobs: each runs in one instance at a time and is retried after a crash. Scheduled work is shared by all organisations of this installation."
      />
      {view instanceof Error ? (
        <EmptyState title="The job queue cannot be read right now">
          <p>
            The database did not answer ({view.message.split("\n")[0]}). Reload in a few seconds; if it persists, check /api/health/ready.
          </p>
        </EmptyState>
      ) : (
        <JobsTables queues={view.queues} jobs={view.jobs} />
      )}
    </>
  );
}
