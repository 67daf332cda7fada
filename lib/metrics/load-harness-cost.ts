import "server-only";
import { db } from "../db";
import { parseUsd, type Pico } from "../money";
import { allocateHarnessCost, type FixedCostRow } from "./harness-cost";

/** FixedCost rows overlapping [from, to) (not deleted), allocated to features (harness-cost.ts). */
export async function loadHarnessCost(organizationId: string, from: string, to: string, directCostByFeature: ReadonlyMap<string, Pico>) {
  const rows = await db().fixedCost.findMany({
    where: {
      organizationId,
      deletedAt: null,
      periodStart: { lt: new Date(to + "T00:00:00Z") },
      periodEnd: { gt: new Date(from + "T00:00:00Z") },
    },
    orderBy: { periodStart: "asc" },
    take: 1000,
  });
  const fixed: FixedCostRow[] = rows.map((r) => ({
    id: r.id,
    amount: parseUsd(r.amountUsd.toFixed()),
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    allocationRule: r.allocationRule,
    allocation: r.allocation,
  }));
  return allocateHarnessCost(fixed, directCostByFeature, new Date(from + "T00:00:00Z"), new Date(to + "T00:00:00Z"));
}
