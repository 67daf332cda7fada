import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { createFixedCost } from "@/lib/costs/manage-fixed-costs";
import { updateFeatureSetting } from "@/lib/settings/update-settings";
import { closeMonth, reopenMonth } from "@/lib/month-close/close-month";
import { getBoardReport } from "@/lib/reports/get-board-report";
import { boardReportFromWire } from "@/lib/reports/board-report-from-wire";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { getChargeback } from "@/lib/chargeback/get-chargeback";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const ev = (id: string, ts: string, feature: string, team: string, cost: string, tenant?: string) => ({
  id,
  timestamp: ts,
  feature,
  team,
  model: "gpt-4o-2024-08-06",
  provider: "openai",
  session_id: `s-${id}`,
  usage: { input_tokens: 1000, output_tokens: 100 },
  cost_usd: cost,
  outcome: "success",
  ...(tenant ? { tenant_id: tenant, tenant_tier: "free" } : {}),
});

async function html(orgId: string, month: string, now: Date) {
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { createElement } = await import("react");
  const { BoardReportDocument } = await import("@/components/reports/board-report-document");
  const r = await getBoardReport(orgId, month, now);
  return { r, html: renderToStaticMarkup(createElement(BoardReportDocument, { r: boardReportFromWire(r) })) };
}

/** The export time is the only thing allowed to differ between two exports of a closed month. */
const withoutExportTime = (s: string) => s.replace(/data-testid="exported-at">[^<]*</, 'data-testid="exported-at"><');

describe("a closed month stays closed", () => {
  test("late events and changed settings after the close change nothing in the board report or the reconciliation; reopen restates", async () => {
    const org = await createOrganization("closed-month", "Closed Month Ltd");
    await ingestEvents(org.id, [
      ev("s1", "2026-09-20T10:00:00Z", "support_chatbot", "support", "0.5"),
      ev("o1", "2026-10-03T10:00:00Z", "support_chatbot", "support", "0.08", "t-1"),
      ev("o2", "2026-10-12T10:00:00Z", "support_chatbot", "support", "0.11", "t-2"),
      ev("o3", "2026-10-20T10:00:00Z", "search_answers", "search", "1.25"),
    ]);
    await createFixedCost(
      org.id,
      {
        name: "Harness",
        amount_usd: "31",
        period_start: "2026-10-01",
        period_end: "2026-11-01",
        allocation: { rule: "direct", team: "support" },
      },
      actor,
    );
    await updateFeatureSetting(org.id, "support_chatbot", { review_threshold_usd: "0.10", value_per_unit_usd: "2" }, actor);

    await closeMonth(org.id, "2026-10", actor);
    const first = await html(org.id, "2026-10", new Date("2026-12-02T09:00:00Z"));
    const recBefore = await getReconciliation(org.id, "2026-10");
    expect(first.r.chargeback.ok && first.r.chargeback.data.status).toBe("closed");
    expect(
      first.r.cost_per_interaction.ok &&
        first.r.cost_per_interaction.data.features.find((f) => f.feature === "support_chatbot")?.threshold_usd,
    ).toBe("0.100000");

    // after the close: a late event for October, a lead's threshold and value edit
    await ingestEvents(org.id, [ev("late", "2026-10-15T10:00:00Z", "support_chatbot", "support", "7", "t-3")], {
      receivedAt: new Date(Date.now() + 60_000),
    });
    await updateFeatureSetting(org.id, "support_chatbot", { review_threshold_usd: "0.12", value_per_unit_usd: "3" }, actor);

    const again = await html(org.id, "2026-10", new Date("2026-12-04T17:30:00Z"));
    // the data: equal apart from the export time
    expect({ ...again.r, generated_at: "" }).toEqual({ ...first.r, generated_at: "" });
    expect(again.r.generated_at).not.toBe(first.r.generated_at);
    // the document: byte for byte the same apart from the export time
    expect(again.html).not.toBe(first.html);
    expect(withoutExportTime(again.html)).toBe(withoutExportTime(first.html));
    expect(again.html).toContain("$0.10");
    // the reconciliation is frozen too
    expect(await getReconciliation(org.id, "2026-10")).toEqual(recBefore);
    // the late event is listed apart, on the chargeback
    const cb = await getChargeback(org.id, "2026-10");
    expect(cb.late_arrivals?.events).toBe(1);

    // reopening needs a reason, and restates everything with today's data and settings
    await expect(reopenMonth(org.id, "2026-10", actor, "  ")).rejects.toThrow(/Say why/);
    await reopenMonth(org.id, "2026-10", actor, "late October events from the batch job");
    const restated = await getBoardReport(org.id, "2026-10", new Date("2026-12-04T18:00:00Z"));
    expect(restated.chargeback.ok && restated.chargeback.data.events).toBe(4);
    expect(
      restated.cost_per_interaction.ok &&
        restated.cost_per_interaction.data.features.find((f) => f.feature === "support_chatbot")?.threshold_usd,
    ).toBe("0.120000");
    const audit = await db().auditLog.findFirst({ where: { organizationId: org.id, action: "chargeback.reopen" } });
    expect(audit?.after).toMatchObject({ reason: "late October events from the batch job" });
  });

  test("the board report numbers its sections from one list: contents and headings agree", async () => {
    const org = await createOrganization("closed-month-toc", "Toc Ltd");
    const { html: doc } = await html(org.id, "2026-10", new Date("2026-12-02T09:00:00Z"));
    const toc = [...doc.match(/data-testid="toc">(.*?)<\/ol>/)![1].matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
    const headings = [...doc.matchAll(/<h2 id="s-[a-z-]+">(\d+)\. (.*?)<\/h2>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(headings.length).toBe(toc.length);
    expect(headings).toEqual(toc.map((t, i) => [i + 1, t]));
  });
});

describe("board report structure", () => {
  test("a month the data covers only in part is marked and not compared; the alerts section counts the month's invoice-gap alert raised later", async () => {
    const { raiseAlert } = await import("@/lib/alerts/raise-alert");
    const org = await createOrganization("partial-month", "Partial Ltd");
    await ingestEvents(org.id, [
      ev("p1", "2026-09-20T10:00:00Z", "support_chatbot", "support", "1"),
      ev("p2", "2026-10-05T10:00:00Z", "support_chatbot", "support", "5"),
    ]);
    // the October invoice arrives in December and raises its gap alert then
    await raiseAlert(org.id, {
      kind: "reconciliation",
      severity: "warning",
      title: "openai invoice for 2026-10 is $0.40 off",
      evidence: { month: "2026-10", provider: "openai" },
      dedupeKey: "reconciliation:openai:2026-10",
    });
    const { r, html: doc } = await html(org.id, "2026-10", new Date("2026-12-02T09:00:00Z"));
    const trend = r.trend.ok ? r.trend.data : [];
    expect(trend.find((t) => t.month === "2026-09")?.partial).toBe(true);
    expect(trend.find((t) => t.month === "2026-10")?.partial).toBe(false);
    expect(doc).not.toContain("+400.0%");
    expect(doc).toContain("not compared");
    expect(doc).toContain("partial (data from 2026-09-20)");
    expect(r.actions.ok && r.actions.data.alerts_total).toBe(1);
    expect(doc).not.toContain("No alert was raised about this month");
  });
});
