import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertBudget } from "@/lib/budgets/manage-budgets";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const at = () => new Date(Date.now() - 10 * 60_000).toISOString();
const ev = (id: string, cost: string) => ({
  id,
  timestamp: at(),
  feature: "chat",
  team: "support",
  model: "gpt-4o-2024-08-06",
  usage: { input_tokens: 1, output_tokens: 1 },
  cost_usd: cost,
});

describe("saving a budget", () => {
  test("a budget created already past a threshold alerts at once, not at the next event", async () => {
    const org = await createOrganization("bs-now", "Now");
    await ingestEvents(org.id, [ev("a1", "6")]);
    const saved = await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", monthly_limit_usd: "10", mode: "soft", thresholds: [50, 80, 100] },
      actor,
    );
    expect(saved.used).toBeCloseTo(0.6, 4);
    expect(saved.thresholds_reached).toEqual([50]);
    const alerts = await db().alert.findMany({ where: { organizationId: org.id, kind: "budget" } });
    expect(alerts.map((a) => (a.evidence as { threshold_percent: number }).threshold_percent)).toEqual([50]);
    // saving again does not repeat the alert
    await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", monthly_limit_usd: "10", mode: "soft", thresholds: [50, 80, 100] },
      actor,
    );
    expect(await db().alert.count({ where: { organizationId: org.id, kind: "budget" } })).toBe(1);
  });

  test("an unknown team or feature is refused with the known names, unless confirmed", async () => {
    const org = await createOrganization("bs-typo", "Typo");
    await ingestEvents(org.id, [ev("b1", "1")]);
    await expect(
      upsertBudget(org.id, { scope: "team", scope_ref: "suport", monthly_limit_usd: "10", mode: "soft", thresholds: [50] }, actor),
    ).rejects.toThrow(/not a known team \(known: support\)/);
    await expect(
      upsertBudget(org.id, { scope: "feature", scope_ref: "chta", monthly_limit_usd: "10", mode: "soft", thresholds: [50] }, actor),
    ).rejects.toThrow(/not a known feature \(known: chat\)/);
    expect(await db().budget.count({ where: { organizationId: org.id } })).toBe(0);
    await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "new-team", monthly_limit_usd: "10", mode: "soft", thresholds: [50], confirm_unknown: true },
      actor,
    );
    expect(await db().budget.count({ where: { organizationId: org.id } })).toBe(1);
  });
});
