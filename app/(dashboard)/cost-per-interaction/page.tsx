import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";

export default async function CostPerInteractionPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader title="Cost per interaction" description="Per feature: the distribution of what one interaction (a session) costs — p50, p90, p99, max — and the curve over time against the review threshold." />
      <EmptyState title="Nothing to show yet" code={SEND_EVENT_CURL}>
        This view fills in as your applications send cost events. Create an API key with the <code>ingest</code> scope
        under Admin → API keys, then send one event per model call:
      </EmptyState>
    </>
  );
}
