import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";

export default async function OverviewPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader title="Overview" description="Spend over time by team and feature, top features and models, month-to-date against last month, and how fresh the data is." />
      <EmptyState title="Nothing to show yet" code={SEND_EVENT_CURL}>
        This view fills in as your applications send cost events. Create an API key with the <code>ingest</code> scope
        under Admin → API keys, then send one event per model call:
      </EmptyState>
    </>
  );
}
