import "server-only";
import { csvFromTable } from "../csv/to-csv";
import { getOpportunities } from "./get-opportunities";
import type { OpportunitiesQuery } from "./schemas";

/** GET /api/v1/opportunities with its filters, as JSON or CSV (one row per opportunity). */
export async function listOpportunities(organizationId: string, q: OpportunitiesQuery, now = new Date()) {
  const r = await getOpportunities(organizationId, now);
  const opportunities = r.opportunities.filter((o) => (!q.kind || o.kind === q.kind) && (!q.feature || o.feature === q.feature));
  if (q.format !== "csv") return { ...r, filters: { kind: q.kind ?? null, feature: q.feature ?? null }, opportunities };
  const csv = csvFromTable(
    ["id", "kind", "feature", "owner_team", "title", "monthly_saving_usd", "current_monthly_cost_usd", "draft_type", "basis"],
    opportunities.map((o) => [
      o.id,
      o.kind,
      o.feature,
      o.owner_team,
      o.title,
      o.monthly_saving_usd,
      o.current_monthly_cost_usd,
      o.proposal.type,
      o.basis.join(" "),
    ]),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="opportunities-${r.window.to}.csv"`,
    },
  });
}
