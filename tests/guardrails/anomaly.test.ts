import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { sweepAnomalyAutoClear } from "@/lib/anomaly/evaluate-anomaly";
import { checkGuardrail } from "@/lib/guardrails/check-guardrail";
import { upsertPolicy } from "@/lib/guardrails/manage-policies";
import { DAY_MS } from "../../lib/time";

useTestDatabase();

const HOUR = 3_600_000;

/** $6 in the same hour on each of the previous 7 days: baseline $0.10 per minute. */
async function history(organizationId: string, feature: string, now: number) {
  const hour = Math.floor(now / HOUR) * HOUR;
  await db().minuteRollup.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      organizationId,
      feature,
      minute: new Date(hour - (i + 1) * DAY_MS + 5 * 60_000),
      events: 60,
      costUsd: "6",
    })),
  });
}

let n = 0;
const burst = (feature: string, total: number, at: number) =>
  Array.from({ length: 10 }, () => ({
    id: `a-${++n}`,
    timestamp: new Date(at).toISOString(),
    feature,
    team: "support",
    model: "gpt-4o-2024-08-06",
    usage: { input_tokens: 100, output_tokens: 10 },
    cost_usd: (total / 10).toFixed(6),
  }));

describe("anomaly detection on the ingest hook", () => {
  test("a 5× burst trips the kill switch and raises an alert; a 2× one does not", async () => {
    const org = await createOrganization("an-burst", "Burst");
    const now = Date.now();
    const minute = Math.floor(now / 60_000) * 60_000;
    await history(org.id, "hot", now);
    await history(org.id, "warm", now);
    await upsertPolicy(org.id, { feature: "hot", fallback_model: "gpt-4o-mini", auto_clear_minutes: 30 }, { userId: null });

    await ingestEvents(org.id, burst("warm", 0.2, minute)); // 2× baseline
    await ingestEvents(org.id, burst("hot", 0.5, minute)); // 5× baseline

    const alerts = await db().alert.findMany({ where: { organizationId: org.id } });
    expect(alerts.map((a) => a.feature)).toEqual(["hot"]);
    expect(alerts[0]).toMatchObject({ kind: "anomaly", state: "open", severity: "critical" });
    expect(alerts[0].evidence).toMatchObject({ cost_usd: "0.500000", baseline_usd_per_min: "0.100000", multiple: 5 });

    const hot = await checkGuardrail(org.id, { feature: "hot", model: "gpt-4o" });
    expect(hot).toMatchObject({ decision: "downgrade", model: "gpt-4o-mini" });
    expect(hot.reason).toMatch(/anomaly/);
    expect((await checkGuardrail(org.id, { feature: "warm", model: "gpt-4o" })).decision).toBe("allow");

    // not yet normal for 30 minutes: stays tripped; after it: clears and resolves the alert
    expect(await sweepAnomalyAutoClear(new Date(now + 10 * 60_000))).toBe(0);
    expect(await sweepAnomalyAutoClear(new Date(minute + 32 * 60_000))).toBe(1);
    expect((await checkGuardrail(org.id, { feature: "hot", model: "gpt-4o" })).decision).toBe("allow");
    expect((await db().alert.findFirstOrThrow({ where: { organizationId: org.id } })).state).toBe("resolved");
  });

  test("a fixed baseline overrides the median; no history means no judgement", async () => {
    const org = await createOrganization("an-fixed", "Fixed");
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await upsertPolicy(org.id, { feature: "fixed", baseline_usd_per_min: "0.01" }, { userId: null });
    await ingestEvents(org.id, burst("fixed", 0.05, minute)); // 5× the fixed baseline
    await ingestEvents(org.id, burst("brand_new", 100, minute)); // no history at all
    const alerts = await db().alert.findMany({ where: { organizationId: org.id } });
    expect(alerts.map((a) => a.feature)).toEqual(["fixed"]);
  });
});
