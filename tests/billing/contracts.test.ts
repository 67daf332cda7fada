import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createContract } from "@/lib/billing/manage-contracts";
import { getContracts, loadQuotaPacing } from "@/lib/billing/get-contracts";
import { getChargeback } from "@/lib/chargeback/get-chargeback";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
// 10 events on 2026-10-01..10, 100k tokens each (1M in total), $1 each
const EVENTS = Array.from({ length: 10 }, (_, i) => ({
  id: `c-${i}`,
  timestamp: `2026-10-${String(i + 1).padStart(2, "0")}T12:00:00Z`,
  feature: "search",
  team: "knowledge",
  provider: "openai",
  model: "gpt-4o",
  usage: { input_tokens: 90_000, output_tokens: 10_000 },
  cost_usd: "1",
  outcome: "success",
}));

describe("contracts", () => {
  test("idle provisioned capacity is charged to its owner team in the chargeback", async () => {
    const org = await createOrganization("contracts-1", "Contracts");
    for (const t of ["knowledge", "platform"]) await db().team.create({ data: { organizationId: org.id, name: t } });
    await ingestEvents(org.id, EVENTS);
    // 744 h in October at $0.10; capacity 1 unit × 100 tokens/min × 60 × 744 = 4,464,000 tokens; 1,000,000 served
    await createContract(
      org.id,
      {
        type: "capacity",
        provider: "openai",
        model: "gpt-4o",
        name: "PTU gpt-4o",
        hourly_cost_usd: "0.10",
        capacity_units: 1,
        tokens_per_minute_per_unit: 100,
        owner_team: "platform",
        starts_at: "2026-10-01T00:00:00Z",
      },
      actor,
    );
    const contracts = await getContracts(org.id, "2026-10", new Date("2026-11-05T00:00:00Z"));
    expect(contracts.capacity[0]).toMatchObject({ hours: 744, cost_usd: "74.400000", tokens_served: "1000000", utilisation: 0.224014 });
    // idle = 74.4 × 3,464,000 / 4,464,000 = 57.733333…
    expect(contracts.capacity[0].idle_cost_usd).toBe("57.733333");
    const cb = await getChargeback(org.id, "2026-10");
    expect(cb.allocations).toContainEqual(
      expect.objectContaining({ name: "Idle capacity: PTU gpt-4o", team: "platform", amount_usd: "57.733333" }),
    );
    expect(cb.rows.find((r) => r.team === "platform")!.allocated_usd).toBe("57.733333");
  });

  test("a quota paced from the rollups downgrades before it runs out; a commitment below its floor is at risk", async () => {
    const org = await db().organization.findUniqueOrThrow({ where: { slug: "contracts-1" } });
    await createContract(org.id, { type: "quota", provider: "openai", model: "", unit: "tokens", monthly_limit: "2000000" }, actor);
    // 1M tokens in 10 days → 3.1M projected for October: runs out on the 20th
    const [q] = await loadQuotaPacing(org.id, "openai", "gpt-4o", new Date("2026-10-11T00:00:00Z"));
    expect(q).toMatchObject({ used: "1000000", action: "downgrade", projected_exhaustion: "2026-10-21T00:00:00.000Z" });
    expect(await loadQuotaPacing(org.id, "anthropic", "claude", new Date("2026-10-11T00:00:00Z"))).toEqual([]);

    await createContract(
      org.id,
      {
        type: "commitment",
        provider: "openai",
        name: "OpenAI commit",
        period_start: "2026-10-01",
        period_end: "2027-10-01",
        monthly_floor_usd: "50",
        discount: "0.2",
        lapse_after_months: 2,
      },
      actor,
    );
    const c = (await getContracts(org.id, "2026-10", new Date("2026-10-11T00:00:00Z"))).commitments[0];
    // $10 in 10 days → $31 run-rate against a $50 floor: missed now, lapses next month
    expect(c).toMatchObject({
      status: "at_risk",
      first_miss_month: "2026-10",
      lapse_month: "2026-11",
      months_ahead: 1,
      projected_increase: 0.25,
    });
    expect(c.months[0]).toMatchObject({ month: "2026-10", kind: "run_rate", spend_usd: "31.000000" });
  });
});
