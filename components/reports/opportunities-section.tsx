import { getOpportunities } from "@/lib/opportunities/get-opportunities";
import { listDrafts } from "@/lib/opportunities/manage-drafts";
import { displayUsd, parseUsd } from "@/lib/money";

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
          <table className="rtable" data-testid="opportunities">
            <thead>
              <tr>
                <th>Change</th>
                <th>Owner team</th>
                <th className="n">Saving / month (USD)</th>
              </tr>
            </thead>
            <tbody>
              {top.map((o) => (
                <tr key={o.id}>
                  <td>{o.title}</td>
                  <td>{o.owner_team ?? "—"}</td>
                  <td className="n">{displayUsd(parseUsd(o.monthly_saving_usd))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {decided.length > 0 && (
          <table className="rtable">
            <thead>
              <tr>
                <th>Approved change</th>
                <th>Decided</th>
                <th className="n">Estimated (USD)</th>
                <th className="n">Realised (USD)</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((d) => (
                <tr key={d.id}>
                  <td>{d.title}</td>
                  <td>{d.decided_at?.slice(0, 10)}</td>
                  <td className="n">{displayUsd(parseUsd(d.estimated_monthly_saving_usd))}</td>
                  <td className="n">
                    {d.realised?.status === "measured"
                      ? displayUsd(parseUsd(d.realised.realised_usd))
                      : d.realised?.status === "pending"
                        ? `measurable ${d.realised.measurable_on}`
                        : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
