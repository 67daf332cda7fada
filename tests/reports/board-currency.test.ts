import { beforeAll, describe, expect, test } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useTestDatabase } from "../helpers/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { enterRate, setReportingCurrency } from "@/lib/fx/store";
import { closeMonth } from "@/lib/month-close/close-month";
import { getBoardReport } from "@/lib/reports/get-board-report";
import { boardReportFromWire } from "@/lib/reports/board-report-from-wire";
import { BoardReportDocument } from "@/components/reports/board-report-document";

/** The board report in the organisation's reporting currency (docs/decisions/058-…). */
useTestDatabase();
const actor = { userId: null, apiKeyId: null };
const NOW = new Date("2026-03-10T12:00:00Z");
let org = "";

const ev = (id: string, ts: string, team: string, cost: string) => ({
  id,
  timestamp: ts,
  feature: "support_chatbot",
  team,
  model: "gpt-4o",
  provider: "openai",
  session_id: `s-${id}`,
  usage: { input_tokens: 1000, output_tokens: 100 },
  cost_usd: cost,
  outcome: "success",
});
const html = async (month: string) =>
  renderToStaticMarkup(createElement(BoardReportDocument, { r: boardReportFromWire(await getBoardReport(org, month, NOW)) }));

beforeAll(async () => {
  org = (await createOrganization("board-ccy", "Board Currency Ltd")).id;
  await ingestEvents(org, [
    ev("b1", "2026-02-03T10:00:00Z", "search", "1082.3"),
    ev("b2", "2026-02-04T10:00:00Z", "support", "216.46"),
    ev("b3", "2026-03-02T10:00:00Z", "support", "10"),
  ]);
  // ECB form: 1 EUR = 1.0823 USD, published Friday 27 February; the month's last day (Saturday) uses it
  await enterRate(org, { base: "EUR", quote: "USD", day: "2026-02-27", rate: 1_082_300_000_000n }, actor);
});

describe("the board report in a reporting currency", () => {
  test("USD (the default): the document carries no currency block and the report is in dollars", async () => {
    const r = await getBoardReport(org, "2026-02", NOW);
    expect(Object.hasOwn(r, "currency")).toBe(false);
    const page = await html("2026-02");
    expect(page).toContain('data-testid="total">$1,298.76<');
    expect(page).not.toContain("report-currency");
  });

  test("EUR: every figure converted at the month's closing rate, the chargeback's own figures in the tables, the rate and its date shown", async () => {
    await setReportingCurrency(org, "EUR", actor);
    const r = await getBoardReport(org, "2026-02", NOW);
    expect(r.currency).toMatchObject({ code: "EUR", rate: "0.9239582371", rate_date: "2026-02-27" });
    const cb = r.chargeback.ok ? r.chargeback.data : null;
    expect(cb?.reporting?.total).toBe("1200.000000"); // 1,298.76 USD / 1.0823
    const page = await html("2026-02");
    expect(page).toContain('data-testid="total">€1,200.00<');
    expect(page).toMatch(/<td>search<\/td><td class="n">€1,000\.00<\/td>/);
    expect(page).toMatch(/<td>support<\/td><td class="n">€200\.00<\/td>/);
    expect(page).toContain("Figures in EUR. 1 USD = 0.9239582371 EUR (EUR/USD 1.0823 of 2026-02-27)");
    expect(page).toContain('data-testid="report-rate"');
    // the reconciliation stays the chargeback API's exact USD statement
    expect(page).toContain('<td class="n">1298.760000</td>');
    expect(page).not.toMatch(/\$1,298\.76/);
  });

  test("a closed month keeps the currency and rate it was closed with; a currency without a rate says so and stays in USD", async () => {
    await closeMonth(org, "2026-02", actor, NOW);
    await setReportingCurrency(org, "GBP", actor);
    const closed = await html("2026-02");
    expect(closed).toContain('data-testid="total">€1,200.00<');
    const live = await getBoardReport(org, "2026-03", NOW);
    expect(live.currency).toMatchObject({ code: "GBP", rate: null, num: null });
    const march = await html("2026-03");
    expect(march).toContain("No USD/GBP rate on or before 2026-03-31: this report is in USD.");
    expect(march).toContain('data-testid="total">$10.00<');
  });
});
