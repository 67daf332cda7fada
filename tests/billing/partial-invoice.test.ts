import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { importBillingFile } from "@/lib/billing/import-billing";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { applyTrueUp } from "@/lib/billing/true-up";
import { parseBillingFile, BILLING_SOURCES } from "@/lib/billing/parse-billing-file";
import { BILLING_TEMPLATES } from "@/lib/billing/templates";
import { coverageText } from "@/lib/billing/reconcile";
import { countOpenAlerts, listAlerts, transitionAlert } from "@/lib/alerts/manage-alerts";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const day = (d: number) => Date.parse(`2026-10-${String(d).padStart(2, "0")}T00:00:00Z`) / 1000;
/** An OpenAI Costs file with one $1 line per day for the given days of October 2026. */
const costs = (days: number[]) =>
  JSON.stringify({
    object: "page",
    data: days.map((d) => ({
      object: "bucket",
      start_time: day(d),
      end_time: day(d) + 86_400,
      results: [{ object: "organization.costs.result", amount: { value: 1, currency: "usd" }, line_item: "gpt-4o-2024-08-06, input" }],
    })),
    has_more: false,
    next_page: null,
  });

describe("a partial invoice", () => {
  test("is compared on the days it covers, says so, raises no alert and offers no true-up until the month is complete", async () => {
    const org = await createOrganization("partial-invoice", "Partial");
    // $1 of events every day of October: the whole month is $31 attributed
    await ingestEvents(
      org.id,
      Array.from({ length: 31 }, (_, i) => ({
        id: `e${i + 1}`,
        timestamp: `2026-10-${String(i + 1).padStart(2, "0")}T12:00:00Z`,
        feature: "support_chatbot",
        team: "support",
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        usage: { input_tokens: 1000, output_tokens: 100 },
        cost_usd: "1",
        outcome: "success",
      })),
    );
    await importBillingFile(org.id, { account: "openai-prod", source: "openai_costs", text: costs([1, 2, 3]), via: "upload" }, actor);
    const partial = await getReconciliation(org.id, "2026-10");
    const p = partial.providers[0];
    expect(p.coverage).toEqual({ covered_days: 3, month_days: 31, complete: false });
    expect(coverageText(p.coverage)).toBe("covers 3 of 31 days");
    // like with like: $3 invoiced against the $3 attributed on those three days, not $31
    expect(p.invoiced_usd).toBe("3.000000");
    expect(p.attributed_usd).toBe("3.000000");
    expect(p.gap_usd).toBe("0.000000");
    expect(partial.complete).toBe(false);
    expect(await db().alert.count({ where: { organizationId: org.id, kind: "reconciliation" } })).toBe(0);
    await expect(applyTrueUp(org.id, "2026-10", { rule: "proportional" }, actor)).rejects.toThrow(/covers 3 of 31 days/);

    // a gap on a partial invoice is still no alert
    await importBillingFile(
      org.id,
      { account: "openai-prod", source: "openai_costs", text: costs([1, 2, 3]).replaceAll('"value":1', '"value":5'), via: "upload" },
      actor,
    );
    const gap = await getReconciliation(org.id, "2026-10");
    expect(gap.providers[0].gap_usd).toBe("12.000000");
    expect(gap.providers[0].over_threshold).toBe(false);
    expect(await db().alert.count({ where: { organizationId: org.id, kind: "reconciliation" } })).toBe(0);

    // the rest of the month arrives: complete, compared whole, alert and true-up as before
    await importBillingFile(
      org.id,
      { account: "openai-prod", source: "openai_costs", text: costs(Array.from({ length: 28 }, (_, i) => i + 4)), via: "upload" },
      actor,
    );
    const whole = await getReconciliation(org.id, "2026-10");
    expect(whole.providers[0].coverage.complete).toBe(true);
    expect(whole.providers[0].attributed_usd).toBe("31.000000");
    expect(whole.providers[0].invoiced_usd).toBe("43.000000");
    expect(whole.providers[0].over_threshold).toBe(true);
    expect(await db().alert.count({ where: { organizationId: org.id, kind: "reconciliation" } })).toBe(1);
    // the invoice-gap alert follows the billing pages' permissions: finance sees it, a lead or a viewer does not
    expect((await listAlerts(org.id, { role: "FINANCE" })).map((a) => a.kind)).toEqual(["reconciliation"]);
    expect(await listAlerts(org.id, { role: "ENGINEERING_LEAD" })).toEqual([]);
    expect(await countOpenAlerts(org.id, { role: "VIEWER" })).toBe(0);
    const [gapAlert] = await listAlerts(org.id, { role: "ADMIN" });
    expect(gapAlert.title).toMatch(/^openai invoice for 2026-10 is \$12\.00 off/);
    await expect(transitionAlert(org.id, gapAlert.id, "acknowledge", actor, { role: "VIEWER" })).rejects.toThrow(/No such alert/);
    await expect(applyTrueUp(org.id, "2026-10", { rule: "proportional" }, actor)).resolves.toMatchObject({ amount_usd: "12.000000" });
  });

  test("a whole-month file whose first day billed nothing covers the whole month (the period is the file's buckets, not its lines)", async () => {
    const org = await createOrganization("empty-first-day", "Empty first day");
    const all = JSON.parse(costs(Array.from({ length: 31 }, (_, i) => i + 1))) as { data: { results: unknown[] }[] };
    all.data[0].results = []; // the provider reported October 1st and nothing was billed
    await importBillingFile(org.id, { account: "openai-prod", source: "openai_costs", text: JSON.stringify(all), via: "upload" }, actor);
    const rec = await getReconciliation(org.id, "2026-10");
    expect(rec.providers[0].coverage).toEqual({ covered_days: 31, month_days: 31, complete: true });
    expect(rec.providers[0].invoiced_usd).toBe("30.000000");
    expect(rec.complete).toBe(true);

    // Anthropic's report: the same, from starting_at/ending_at
    const anthropic = {
      data: Array.from({ length: 31 }, (_, i) => ({
        starting_at: new Date((day(i + 1) + 0) * 1000).toISOString(),
        ending_at: new Date((day(i + 1) + 86_400) * 1000).toISOString(),
        results: i < 2 ? [] : [{ currency: "USD", amount: "100", model: "claude-sonnet-4-5", cost_type: "tokens" }],
      })),
      has_more: false,
      next_page: null,
    };
    await importBillingFile(
      org.id,
      { account: "anthropic-prod", source: "anthropic_cost_report", text: JSON.stringify(anthropic), via: "upload" },
      actor,
    );
    const both = await getReconciliation(org.id, "2026-10");
    expect(both.providers.find((p) => p.provider === "anthropic")?.coverage.complete).toBe(true);
  });

  test("every billing source has a template file the importer reads", () => {
    for (const source of BILLING_SOURCES) {
      const lines = parseBillingFile(source, BILLING_TEMPLATES[source].text);
      expect(lines.length, source).toBeGreaterThan(0);
    }
  });
});
