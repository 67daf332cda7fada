import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { displayUsd, parseUsd } from "@/lib/money";
import { getOpportunities } from "@/lib/opportunities/get-opportunities";
import { listDrafts, mayDecide } from "@/lib/opportunities/manage-drafts";
import { OPPORTUNITY_KINDS } from "@/lib/opportunities/types";
import { PageHeader } from "@/components/ui/page-header";
import { OpportunitiesView } from "@/components/opportunities/opportunities-view";

export const dynamic = "force-dynamic";

export default async function OpportunitiesPage({ searchParams }: { searchParams: Promise<{ kind?: string; teams?: string }> }) {
  const me = await requireMember("dashboards.read");
  const sp = await searchParams;
  const kind = (OPPORTUNITY_KINDS as readonly string[]).includes(sp.kind ?? "") ? sp.kind! : null;
  const [all, allDrafts] = await Promise.all([getOpportunities(me.organizationId), listDrafts(me.organizationId)]);
  // an engineering lead sees their own team's opportunities and drafts first (?teams=all shows every team's)
  const ownTeam = me.role === "ENGINEERING_LEAD" && me.teamName && sp.teams !== "all" ? me.teamName : null;
  const r = ownTeam ? { ...all, opportunities: all.opportunities.filter((o) => o.owner_team === ownTeam) } : all;
  const drafts = ownTeam ? allDrafts.filter((d) => d.owner_team === ownTeam) : allDrafts;
  const shown = r.opportunities.filter((o) => !kind || o.kind === kind);
  const top = r.opportunities[0];
  const byFeature = new Map<string, bigint>();
  for (const o of r.opportunities)
    byFeature.set(
      o.feature,
      (byFeature.get(o.feature) ?? 0n) > parseUsd(o.monthly_saving_usd) ? byFeature.get(o.feature)! : parseUsd(o.monthly_saving_usd),
    );
  const bestPerFeature = [...byFeature.values()].reduce((a, b) => a + b, 0n);
  return (
    <>
      <PageHeader
        title="Opportunities"
        description={`What to change and what it is worth: each saving re-prices your own last 30 days (${r.window.from} to ${r.window.to}, exclusive) under the change, with the basis shown. Figures on the same feature overlap. Drafts change nothing until the owning team's engineering lead or an admin approves them.`}
      />
      {me.role === "ENGINEERING_LEAD" && me.teamName && (
        <p className="muted" data-testid="team-filter">
          {ownTeam ? (
            <>
              Showing team {ownTeam}&apos;s features ({r.opportunities.length} of {all.opportunities.length} opportunities).{" "}
              <a href={`/opportunities?teams=all${kind ? `&kind=${kind}` : ""}`}>Show every team&apos;s</a>
            </>
          ) : (
            <>
              Showing every team&apos;s opportunities.{" "}
              <a href={`/opportunities${kind ? `?kind=${kind}` : ""}`}>Show team {me.teamName}&apos;s only</a>
            </>
          )}
        </p>
      )}
      <div className="grid grid-4" style={{ marginBottom: 16 }}>
        <div className="stat">
          <div className="label">Opportunities</div>
          <div className="value">{r.opportunities.length}</div>
          <div className="sub">worth $1 a month or more</div>
        </div>
        <div className="stat">
          <div className="label">Largest</div>
          <div className="value">{top ? displayUsd(parseUsd(top.monthly_saving_usd)) : "—"}</div>
          <div className="sub">{top ? `${top.feature} / month` : "none found"}</div>
        </div>
        <div className="stat">
          <div className="label">Best per feature</div>
          <div className="value">{displayUsd(bestPerFeature)}</div>
          <div className="sub">largest saving of each feature, summed</div>
        </div>
        <div className="stat">
          <div className="label">Drafts waiting</div>
          <div className="value">{drafts.filter((d) => d.status === "draft").length}</div>
          <div className="sub">{drafts.filter((d) => d.status === "applied").length} applied</div>
        </div>
      </div>
      <OpportunitiesView
        opportunities={shown}
        drafts={drafts.map((d) => ({ ...d, may_decide: mayDecide(me, d.owner_team) }))}
        canDraft={can(me.role, "drafts.create")}
        kind={kind}
        kinds={[...new Set(r.opportunities.map((o) => o.kind))]}
      />
    </>
  );
}
