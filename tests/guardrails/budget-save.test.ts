import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { deleteBudget, upsertBudget } from "@/lib/budgets/manage-budgets";

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

  test("an engineering lead saves, changes and deletes their own team's budgets only (the server refuses the rest, 403)", async () => {
    const org = await createOrganization("bs-lead", "Lead");
    await ingestEvents(org.id, [ev("c1", "1"), { ...ev("c2", "1"), team: "sales", feature: "pitch" }]);
    await db().feature.update({ where: { organizationId_name: { organizationId: org.id, name: "chat" } }, data: { ownerTeam: "support" } });
    const lead = { role: "ENGINEERING_LEAD" as const, member: { teamName: "support" } };
    const mine = await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", unit: "requests", window: "24h", limit: "100", mode: "hard", thresholds: [80] },
      actor,
      { who: lead },
    );
    await upsertBudget(org.id, { scope: "feature", scope_ref: "chat", monthly_limit_usd: "5", mode: "soft", thresholds: [80] }, actor, {
      who: lead,
    });
    for (const [scope, scope_ref, why] of [
      ["team", "sales", /own team \(support\)/],
      ["feature", "pitch", /no owner team yet/],
      ["tenant", "acme", /spans teams/],
      ["org", "", /spans teams/],
    ] as const) {
      await expect(
        upsertBudget(org.id, { scope, scope_ref, monthly_limit_usd: "5", mode: "soft", thresholds: [80] }, actor, { who: lead }),
      ).rejects.toMatchObject({ status: 403, message: expect.stringMatching(why) });
    }
    // nor may the lead move their budget to another team's scope, or touch finance's budget on sales
    await expect(
      upsertBudget(
        org.id,
        { scope: "team", scope_ref: "sales", limit: "100", unit: "requests", window: "24h", mode: "hard", thresholds: [80] },
        actor,
        {
          who: lead,
          id: mine.id,
        },
      ),
    ).rejects.toMatchObject({ status: 403 });
    const sales = await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "sales", monthly_limit_usd: "9", mode: "soft", thresholds: [80] },
      actor,
      {
        who: { role: "FINANCE" },
      },
    );
    await expect(deleteBudget(org.id, sales.id, actor, lead)).rejects.toMatchObject({ status: 403 });
    // their own: changed in place (window and limit), then deleted
    const changed = await upsertBudget(
      org.id,
      { scope: "team", scope_ref: "support", unit: "requests", window: "7d", limit: "500", mode: "hard", thresholds: [80] },
      actor,
      { who: lead, id: mine.id },
    );
    expect(changed).toMatchObject({ id: mine.id, window: "7d", limit: "500", unit: "requests" });
    await deleteBudget(org.id, mine.id, actor, lead);
    expect((await db().budget.findMany({ where: { organizationId: org.id } })).map((b) => `${b.scope}:${b.scopeRef}`).sort()).toEqual([
      "feature:chat",
      "team:sales",
    ]);
  });
});
