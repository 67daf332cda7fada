import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { getChargeback } from "@/lib/chargeback/get-chargeback";
import { isMonthFinished } from "@/lib/chargeback/schemas";
import { monthSchema } from "@/lib/core/wire";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SEND_EVENT_CURL } from "@/components/ui/send-data-hint";
import { ChargebackView } from "@/components/chargeback/chargeback-view";
import { InvalidMonthAlert } from "@/components/forms/month-form";
import { lastCompleteMonth } from "@/lib/reports/schemas";

export const metadata = { title: "Chargeback" };

export const dynamic = "force-dynamic";

export default async function ChargebackPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const me = await requireMember("dashboards.read");
  const sp = await searchParams;
  const parsed = monthSchema.safeParse(sp.month);
  // the last full month by default, like the board report and billing (an unfinished month is shown when asked for)
  const month = parsed.success ? parsed.data : lastCompleteMonth();
  const report = await getChargeback(me.organizationId, month);
  const empty = report.events === 0 && report.fixed_costs_usd === "0.000000";
  return (
    <>
      <PageHeader
        title="Chargeback"
        description="The monthly bill per team: direct cost plus allocated shared and fixed costs, with quality beside cost. Close a month to freeze it."
      />
      {sp.month && !parsed.success && <InvalidMonthAlert given={sp.month} shown={month} />}
      <ChargebackView
        report={report}
        canClose={can(me.role, "chargeback.close")}
        canReopen={can(me.role, "chargeback.reopen")}
        finished={isMonthFinished(month)}
      />
      {empty && (
        <EmptyState title={`No cost recorded for ${month}`} code={SEND_EVENT_CURL}>
          Pick another month above, add fixed or shared costs under <a href="/costs">Shared costs</a>, or send cost events with an{" "}
          <code>ingest</code> API key:
        </EmptyState>
      )}
    </>
  );
}
