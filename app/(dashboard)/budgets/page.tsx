import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { listFeatureNames, listRecentModels, listTeams } from "@/lib/orgs/list-names";
import { budgetEditRefusal } from "@/lib/budgets/budget-scope";
import { listBudgets } from "@/lib/budgets/manage-budgets";
import { countOpenAlerts, listAlerts, listWebhooks } from "@/lib/alerts/manage-alerts";
import { listFeatureGuardrails } from "@/lib/guardrails/list-feature-guardrails";
import { listDecisions } from "@/lib/guardrails/log-decision";
import { decisionView } from "@/lib/guardrails/decision-view";
import { loadSnapshot } from "@/lib/guardrails/load-snapshot";
import { featureGuardrailStatus } from "@/lib/guardrails/feature-status";
import { readFeatureSettings } from "@/lib/settings/read-settings";
import { featureEditRefusal } from "@/lib/auth/feature-scope";
import { alertActionRefusal } from "@/lib/alerts/visibility";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/metrics/states";
import { BudgetsPanel } from "@/components/budgets/budgets-panel";
import { AlertsPanel } from "@/components/alerts/alerts-panel";
import { GuardrailsPanel } from "@/components/alerts/guardrails-panel";
import { WebhooksPanel } from "@/components/alerts/webhooks-panel";

export const metadata = { title: "Budgets & alerts" };

export const dynamic = "force-dynamic";

const STATES = new Set(["open", "acknowledged", "resolved"]);

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const me = await requireMember("dashboards.read");
  const sp = await searchParams;
  const state = sp.state && STATES.has(sp.state) ? sp.state : undefined;
  const org = me.organizationId;
  const canBudgets = can(me.role, "budgets.manage");
  const canWebhooks = can(me.role, "webhooks.manage");
  const [budgets, alerts, policies, decisions, webhooks, teams, features, open, snapshot, settings, models] = await Promise.all([
    listBudgets(org),
    listAlerts(org, me, { state, limit: 200 }),
    listFeatureGuardrails(org),
    listDecisions(org, 100),
    canWebhooks ? listWebhooks(org) : Promise.resolve([]),
    listTeams(org),
    listFeatureNames(org),
    countOpenAlerts(org, me),
    loadSnapshot(org),
    readFeatureSettings(org),
    canBudgets ? listRecentModels(org) : Promise.resolve([]),
  ]);
  // the rules read the principal's shape (member.teamName); a session member keeps its team at the top
  const scope = { role: me.role, member: { teamName: me.teamName } };
  // one source of truth: the status is the check API's decision over the same snapshot
  // show only what the person may do: a lead changes their own team's features only (the server refuses the rest)
  const guardrails = policies.map((p) => ({
    ...p,
    status: featureGuardrailStatus(snapshot, p.feature),
    may_edit: featureEditRefusal(scope, p.feature, settings.get(p.feature)?.ownerTeam ?? null) === null,
  }));
  return (
    <>
      <PageHeader
        title="Budgets & alerts"
        description="Budgets and rate limits per organisation, team, feature, model, tenant, user, environment or API key, in USD, tokens or requests, over a calendar month (with month-end forecast) or a rolling window; anomaly and budget alerts; the guardrail (kill switch) per feature and every downgrade or block it decided."
      />
      <div className="grid grid-4" style={{ marginBottom: 16 }}>
        <Stat label="Budgets" value={budgets.length} sub={`${budgets.filter((b) => b.mode === "hard").length} hard`} />
        <Stat label="Over forecast" value={budgets.filter((b) => b.forecast_used > 1).length} sub="forecast above the limit" />
        <Stat label="Open alerts" value={open} sub={state ? `list below: ${state} only` : "all states listed below"} />
        <Stat
          label="Features in fallback"
          value={guardrails.filter((g) => g.status.state !== "normal").length}
          sub="kill switch, anomaly or hard budget"
        />
      </div>
      <BudgetsPanel
        budgets={budgets.map((b) => ({
          ...b,
          may_edit:
            budgetEditRefusal(scope, { scope: b.scope, scopeRef: b.scope_ref }, settings.get(b.scope_ref)?.ownerTeam ?? null) === null,
        }))}
        // a lead without a team can set no budget (the server says so): no form to fill in vain
        canManage={canBudgets && (me.role !== "ENGINEERING_LEAD" || me.teamName !== null)}
        leadTeam={me.role === "ENGINEERING_LEAD" ? me.teamName : null}
        teams={teams}
        features={me.role === "ENGINEERING_LEAD" ? features.filter((f) => settings.get(f)?.ownerTeam === me.teamName) : features}
        models={models}
      />
      <AlertsPanel
        alerts={alerts.map((a) => ({ ...a, refusal: alertActionRefusal(scope, a.team) }))}
        canManage={can(me.role, "alerts.manage")}
      />
      <GuardrailsPanel policies={guardrails} canManage={can(me.role, "guardrails.manage")} decisions={decisions.map(decisionView)} />
      {canWebhooks && <WebhooksPanel webhooks={webhooks} />}
    </>
  );
}
