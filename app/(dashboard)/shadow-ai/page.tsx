import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { monthSchema } from "@/lib/core/wire";
import { getShadowAi, listRules } from "@/lib/shadow-ai/shadow-ai";
import { usd } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/metrics/states";
import { InvalidMonthAlert, MonthForm } from "@/components/forms/month-form";
import { ShadowTables } from "@/components/shadow-ai/shadow-tables";
import { ShadowForms } from "@/components/shadow-ai/shadow-forms";

export const dynamic = "force-dynamic";

export default async function ShadowAiPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const me = await requireMember("shadow_ai.read");
  const sp = await searchParams;
  const parsed = monthSchema.safeParse(sp.month);
  const month = parsed.success ? parsed.data : new Date().toISOString().slice(0, 7);
  const [r, rules] = await Promise.all([getShadowAi(me.organizationId, month), listRules(me.organizationId)]);
  const share = r.totals.unsanctioned_share;
  return (
    <>
      <PageHeader
        title="Shadow AI"
        description="AI bought outside the company accounts: personal subscriptions on expenses and cards, marketplace purchases. Matched against a maintained vendor list and your rules; every match says why."
      />
      {sp.month && !parsed.success && <InvalidMonthAlert given={sp.month} shown={month} />}
      <div className="filters" role="group" aria-label="Month">
        <MonthForm action="/shadow-ai" id="sh-month-pick" label="Month (UTC)" month={month} />
      </div>
      {r.totals.lines === 0 ? (
        <EmptyState title={`No AI spend found for ${month}`}>
          {r.last_import_at
            ? `The last statement was imported ${r.last_import_at.slice(0, 10)}; pick another month, or import this month's statements below.`
            : "Import an expense or card-transaction CSV below to conduct the audit (the readiness assessment reads its date from here)."}
        </EmptyState>
      ) : (
        <>
          <div className="grid grid-4" role="group" aria-label="Totals" style={{ marginBottom: 16 }}>
            <Stat label="AI spend found" value={usd(r.totals.ai_spend_usd)} sub={`${r.totals.lines} charges`} />
            <Stat
              label="Unsanctioned"
              value={usd(r.totals.unsanctioned_usd)}
              sub={share === null ? "" : `${(share * 100).toFixed(1)} % outside sanctioned accounts`}
            />
            <Stat label="Sanctioned" value={usd(r.totals.sanctioned_usd)} />
            <Stat
              label="Last audit"
              value={r.last_import_at ? r.last_import_at.slice(0, 10) : "never"}
              sub={r.totals.other_currency_lines ? `${r.totals.other_currency_lines} charges in other currencies not summed` : undefined}
            />
          </div>
          <ShadowTables r={r} />
        </>
      )}
      {can(me.role, "shadow_ai.manage") && <ShadowForms rules={rules} />}
    </>
  );
}
