import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";

export default async function AssessmentPage() {
  await requireMember("dashboards.read");
  return (
    <>
      <PageHeader title="Assessment" description="The crawl / walk / run readiness questionnaire per team, with evidence from your own data and history over quarters." />
      <EmptyState title="Nothing to show yet" code={SEND_EVENT_CURL}>
        This view fills in as your applications send cost events. Create an API key with the <code>ingest</code> scope
        under Admin → API keys, then send one event per model call:
      </EmptyState>
    </>
  );
}
