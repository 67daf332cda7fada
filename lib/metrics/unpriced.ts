import "server-only";
import { db } from "../db";
import { dailyWhere } from "./query-filters";
import type { Filters } from "./schemas";

export type UnpricedByFeature = Record<string, { events: number; unpricedEvents: number }>;

/** Events and unpriced events per feature over a period, from the daily rollups (never raw events). */
export async function loadUnpriced(
  organizationId: string,
  period: { from: string; to: string },
  q: Filters = {},
): Promise<UnpricedByFeature> {
  const rows = await db().$queryRaw<{ feature: string; events: number; unpriced: number }[]>`
    SELECT d.feature, sum(d.events)::int AS events, sum(d."unpricedEvents")::int AS unpriced
    FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, period, q)} GROUP BY 1 LIMIT 1000`;
  return Object.fromEntries(rows.map((r) => [r.feature, { events: r.events, unpricedEvents: r.unpriced }]));
}
