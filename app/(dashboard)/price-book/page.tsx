import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";

export default async function PriceBookPage() {
  await requireMember("pricebook.read");
  return (
    <>
      <PageHeader title="Price book" description="Model prices from the catalog and your organisation's overrides (negotiated discounts, private models), effective-dated and audited." />
      <EmptyState title="Nothing to show yet" code={SEND_EVENT_CURL}>
        This view fills in as your applications send cost events. Create an API key with the <code>ingest</code> scope
        under Admin → API keys, then send one event per model call:
      </EmptyState>
    </>
  );
}
