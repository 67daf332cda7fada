import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";

export default async function FreemiumTrapPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader title="Freemium trap" description="Free-tier customers whose first-30-day cost outruns the tier's predicted lifetime value, the subsidy ratio, and cheaper models to throttle to." />
      <EmptyState title="Nothing to show yet" code={SEND_EVENT_CURL}>
        This view fills in as your applications send cost events. Create an API key with the <code>ingest</code> scope
        under Admin → API keys, then send one event per model call:
      </EmptyState>
    </>
  );
}
