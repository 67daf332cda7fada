import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "../../lib/db";
import { ingestEvents } from "../../lib/ingestion/ingest-events";

useTestDatabase();

let orgId = "";
beforeAll(async () => {
  const org = await db().organization.create({ data: { slug: "ing-test", name: "Ingest test" } });
  orgId = org.id;
});

const base = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  timestamp: "2025-06-01T10:00:00Z",
  feature: "chatbot_v2",
  provider: "openai",
  model: "gpt-4o-2024-05-13",
  usage: { input_tokens: 1000, output_tokens: 100 },
  ...over,
});

describe("ingestEvents", () => {
  test("stores valid events, prices them, reports invalid ones by index and id", async () => {
    const r = await ingestEvents(orgId, [
      base("e1"),
      base("e2", { usage: { input_tokens: -1, output_tokens: 3 } }),
      base("e3", { model: "unknown-model-x" }),
      base("e4", { cost_usd: "0.5" }),
      "not an object",
    ]);
    expect(r.accepted).toBe(3);
    expect(r.duplicates).toBe(0);
    expect(r.rejected).toEqual([
      { index: 1, id: "e2", errors: ["usage.input_tokens: expected integer ≥ 0 (got -1)"] },
      { index: 4, id: null, errors: ['expected object (got "not an object")'] },
    ]);
    const rows = await db().costEvent.findMany({ where: { organizationId: orgId }, orderBy: { eventId: "asc" } });
    expect(rows.map((r) => [r.eventId, r.costUsd.toFixed(12), r.costSource, r.unpriced, r.team])).toEqual([
      // 1000 × $5/M + 100 × $15/M = 0.005 + 0.0015
      ["e1", "0.006500000000", "catalog", false, "unallocated"],
      ["e3", "0.000000000000", "unpriced", true, "unallocated"],
      ["e4", "0.500000000000", "caller", false, "unallocated"],
    ]);
    expect(rows[2].catalogCostUsd?.toFixed(12)).toBe("0.006500000000");
    const feature = await db().feature.findMany({ where: { organizationId: orgId } });
    expect(feature.map((f) => f.name)).toEqual(["chatbot_v2"]);
  });

  test("re-sent and in-batch duplicates count once", async () => {
    const r = await ingestEvents(orgId, [base("e1"), base("e5"), base("e5")]);
    expect(r).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const daily = await db().dailyRollup.findMany({ where: { organizationId: orgId } });
    expect(daily.reduce((s, d) => s + d.events, 0)).toBe(4);
  });

  test("team defaults to the feature's owner", async () => {
    await db().feature.create({ data: { organizationId: orgId, name: "doc_analysis", ownerTeam: "docs-team" } });
    await ingestEvents(orgId, [base("d1", { feature: "doc_analysis" }), base("d2", { feature: "doc_analysis", team: "other" })]);
    const rows = await db().costEvent.findMany({ where: { organizationId: orgId, feature: "doc_analysis" }, orderBy: { eventId: "asc" } });
    expect(rows.map((r) => r.team)).toEqual(["docs-team", "other"]);
    const teams = await db().team.findMany({ where: { organizationId: orgId }, orderBy: { name: "asc" } });
    expect(teams.map((t) => t.name)).toEqual(["docs-team", "other", "unallocated"]);
  });
});
