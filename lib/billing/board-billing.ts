import "server-only";
import { computeReconciliation } from "./get-reconciliation";
import { getContracts } from "./get-contracts";

/** The board report's "Billing and contracts" section: invoice vs attributed, commitments at risk. */
export async function loadBoardBilling(organizationId: string, month: string, now = new Date()) {
  const [rec, contracts] = await Promise.all([computeReconciliation(organizationId, month), getContracts(organizationId, month, now)]);
  return {
    invoiced_usd: rec.invoiced_usd,
    attributed_usd: rec.attributed_usd,
    gap_usd: rec.gap_usd,
    providers: rec.providers.map((p) => ({
      provider: p.provider,
      invoiced_usd: p.invoiced_usd,
      attributed_usd: p.attributed_usd,
      gap_usd: p.gap_usd,
      gap_share: p.gap_share,
      largest_driver: p.drivers[0] ? { label: p.drivers[0].label, amount_usd: p.drivers[0].amount_usd } : null,
    })),
    commitments: contracts.commitments.map((c) => ({ name: c.name, status: c.status, floor_usd: c.floor_usd, warning: c.warning })),
    idle_capacity: contracts.capacity.map((c) => ({
      name: c.name,
      idle_cost_usd: c.idle_cost_usd,
      utilisation: c.utilisation,
      owner_team: c.owner_team,
    })),
  };
}
export type BoardBilling = Awaited<ReturnType<typeof loadBoardBilling>>;
