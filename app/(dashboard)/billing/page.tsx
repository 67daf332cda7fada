import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { listBillingAccountNames, listTeamNames } from "@/lib/orgs/list-names";
import { monthSchema } from "@/lib/core/wire";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { listImports } from "@/lib/billing/import-billing";
import { getContracts } from "@/lib/billing/get-contracts";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { BillingImportForm } from "@/components/billing/billing-import-form";
import { ReconciliationView } from "@/components/billing/reconciliation-view";
import { ImportsTable } from "@/components/billing/imports-table";
import { ContractsView } from "@/components/billing/contracts-view";
import { ContractForm } from "@/components/billing/contract-form";
import { InvalidMonthAlert, MonthForm } from "@/components/forms/month-form";
import { lastCompleteMonth } from "@/lib/reports/schemas";
import { monthStatus } from "@/lib/chargeback/get-chargeback";

export const dynamic = "force-dynamic";

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const me = await requireMember("billing.read");
  const sp = await searchParams;
  const parsed = monthSchema.safeParse(sp.month);
  const month = parsed.success ? parsed.data : lastCompleteMonth();
  const [report, imports, teams, accounts, contracts, period] = await Promise.all([
    getReconciliation(me.organizationId, month),
    listImports(me.organizationId),
    listTeamNames(me.organizationId),
    listBillingAccountNames(me.organizationId),
    getContracts(me.organizationId, month),
    monthStatus(me.organizationId, month),
  ]);
  const canManage = can(me.role, "billing.manage");
  return (
    <>
      <PageHeader
        title="Invoices & contracts"
        description="What the providers invoiced against what Spendline attributed, the gap explained, the invoice true-up of the chargeback, and the contracts behind the bill."
      />
      {sp.month && !parsed.success && <InvalidMonthAlert given={sp.month} shown={month} />}
      <div className="filters" role="group" aria-label="Month">
        <MonthForm action="/billing" id="bl-month" label="Invoice month (UTC)" month={month} />
        <div className="field" style={{ marginLeft: "auto" }}>
          <a className="btn" href={`/api/v1/reports/reconciliation?month=${month}&format=csv`} download>
            ⬇ Reconciliation CSV
          </a>
        </div>
      </div>
      {report.imported ? (
        <ReconciliationView report={report} canManage={canManage} teams={teams} closedAt={period.closed_at} />
      ) : (
        <EmptyState title={`No invoice imported for ${month}`}>
          Import the provider&apos;s Costs or cost report for {month} below (or pick another month) to compare it with what Spendline
          attributed.
        </EmptyState>
      )}
      {canManage && <BillingImportForm accounts={accounts} />}
      <ContractsView contracts={contracts} />
      {canManage && <ContractForm teams={teams} />}
      <ImportsTable imports={imports} />
    </>
  );
}
