import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { listOverrides, overrideHistory } from "@/lib/pricing/manage-overrides";
import { recentRestatementId } from "@/lib/pricing/restate-events";
import { PageHeader } from "@/components/ui/page-header";
import { PriceBookManager } from "@/components/price-book/price-book-manager";
import { RowsCsvDownload } from "@/components/ui/csv-download";
import { ScrollTable } from "@/components/ui/scroll-table";
import { TitledSection } from "@/components/ui/titled-section";

export const metadata = { title: "Price book" };

export const dynamic = "force-dynamic";

function describe(v: unknown): string {
  if (!v || typeof v !== "object") return "—";
  const o = v as Record<string, string | null>;
  const price = o.kind === "discount" ? `${o.discount_percent} % off` : `in ${o.input_per_mtok_usd} / out ${o.output_per_mtok_usd} per 1M`;
  return `${o.model}${o.provider ? ` (${o.provider})` : ""}: ${price}, ${String(o.effective_from).slice(0, 10)} → ${o.effective_to ? String(o.effective_to).slice(0, 10) : "open"}${o.note ? ` — ${o.note}` : ""}`;
}

export default async function PriceBookPage() {
  const me = await requireMember("pricebook.read");
  const [overrides, history, lastJobId] = await Promise.all([
    listOverrides(me.organizationId),
    overrideHistory(me.organizationId, 100),
    recentRestatementId(me.organizationId),
  ]);
  const canEdit = can(me.role, "pricebook.edit");
  const historyRows = history.map((h) => ({
    at: h.at,
    action: h.action,
    actor: h.actor,
    before: describe(h.before),
    after: describe(h.after),
  }));
  return (
    <>
      <PageHeader
        title="Price book"
        description="Events are priced from the model catalog at their timestamp; your organisation's overrides (negotiated discounts, private models) take precedence in their effective dates. Every change is kept below."
      />
      {!canEdit && <p className="alert alert-info">You can read the price book; only admins change overrides.</p>}
      <PriceBookManager overrides={overrides} canEdit={canEdit} lastJobId={lastJobId} />
      <TitledSection
        id="history-title"
        title="Change history"
        actions={<RowsCsvDownload filename="spendline-price-book-history.csv" rows={historyRows} />}
      >
        {historyRows.length === 0 ? (
          <p className="muted">No changes yet. Every create, edit and delete is recorded here with who made it and the before/after.</p>
        ) : (
          <ScrollTable
            label="Change history"
            head={["When (UTC)", "Who", "Change", "Before", "After"].map((h) => (
              <th key={h}>{h}</th>
            ))}
          >
            {historyRows.map((h, i) => (
              <tr key={i}>
                <td>{h.at.slice(0, 16).replace("T", " ")}</td>
                <td>{h.actor}</td>
                <td>{h.action.replace("price_override.", "")}</td>
                <td>{h.before}</td>
                <td>{h.after}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </TitledSection>
    </>
  );
}
