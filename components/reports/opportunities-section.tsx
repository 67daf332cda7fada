import { getOpportunities } from "@/lib/opportunities/get-opportunities";
import { listDrafts } from "@/lib/opportunities/manage-drafts";
import { displayUsd, parseUsd } from "@/lib/money";
import { ReportTable } from "./report-table";

/**
 * Board report, section 11: what to change next and what it is worth (the Opportunities page's
 * figures as of the report's rendering), and the drafts decided so far with realised savings.
 * Loads its own data so that the report needs one line for it; a failure says so in place.
 */
export async function OpportunitiesSection({ organizationId, now = new Date() }: { organizationId: string; now?: Date }) {
  const loaded = await load(organizationId, now);
  let body: React.ReactNode;
  if (!loaded.ok) {
    body = <p className="note">This section could not be computed ({loaded.message}); the error was logged.</p>;
  } else {
    const { r, top, decided } = loaded;
    body = (
      <>
        <p className="note">
          Savings re-priced from the last 30 days ({r.window.from} to {r.window.to}, exclusive) as of this rendering; figures on the same
          feature overlap and are not additive. Nothing is applied without the owning team&apos;s approval.
        </p>
        {top.length === 0 ? (
          <p className="note">No opportunity worth $1 a month or more.</p>
        ) : (
          <ReportTable
            testId="opportunities"
            rows={top}
            rowKey={(o) => o.id}
            columns={[
              { head: "Change", cell: (o) => o.title },
              { head: "Owner team", cell: (o) => o.owner_team ?? "—" },
              { head: "Saving / month (USD)", n: true, cell: (o) => displayUsd(parseUsd(o.monthly_saving_usd)) },
            ]}
          />
        )}
        {decided.length > 0 && (
          <ReportTable
            rows={decided}
            rowKey={(d) => d.id}
            columns={[
              { head: "Approved change", cell: (d) => d.title },
              { head: "Decided", cell: (d) => d.decided_at?.slice(0, 10) },
              { head: "Estimated (USD)", n: true, cell: (d) => displayUsd(parseUsd(d.estimated_monthly_saving_usd)) },
              {
                head: "Realised (USD)",
                n: true,
                cell: (d) =>
                  d.realised?.status === "measured"
                    ? displayUsd(parseUsd(d.realised.realised_usd))
                    : d.realised?.status === "pending"
                      ? `measurable ${d.realised.measurable_on}`
                      : "—",
              },
            ]}
          />
        )}
      </>
    );
  }
  return (
    <article className="board">
      <section className="rsec" aria-labelledby="s-opportunities">
        <h2 id="s-opportunities">12. Savings opportunities</h2>
        {body}
      </section>
    </article>
  );
}

/** The section's data, or why it could not be loaded (rendering happens outside the try, as React requires). */
async function load(organizationId: string, now: Date) {
  try {
    const [r, drafts] = await Promise.all([getOpportunities(organizationId, now), listDrafts(organizationId, {}, now)]);
    const top = r.opportunities.slice(0, 8);
    const decided = drafts.filter((d) => d.status === "applied" || d.status === "approved").slice(0, 8);
    return { ok: true as const, r, top, decided };
  } catch (err) {
    console.error("[board-report] section opportunities failed:", err);
    return { ok: false as const, message: (err as Error).message ?? "error" };
  }
}
