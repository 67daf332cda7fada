import { createFixedCost } from "@/lib/costs/manage-fixed-costs";

/**
 * The two shared costs the October 2026 chargeback and FOCUS tests are built on: $100 evenly
 * over 2026-10-29 to 2026-11-05 (3 of its 7 days in October), and an awkward $10.0000001 for
 * the whole of October, by proportion.
 */
export async function createOctoberFixedCosts(organizationId: string): Promise<void> {
  const actor = { userId: null, apiKeyId: null };
  await createFixedCost(
    organizationId,
    { name: "GPU reservation", amount_usd: "100", period_start: "2026-10-29", period_end: "2026-11-05", allocation: { rule: "even" } },
    actor,
  );
  await createFixedCost(
    organizationId,
    {
      name: "Vector index",
      amount_usd: "10.0000001",
      period_start: "2026-10-01",
      period_end: "2026-11-01",
      allocation: { rule: "proportional" },
    },
    actor,
  );
}
