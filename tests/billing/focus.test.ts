import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOctoberFixedCosts } from "../helpers/october-fixed-costs";
import { db } from "@/lib/db";
import { parseUsd } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { getChargeback } from "@/lib/chargeback/get-chargeback";
import { focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";
import { checkFocus12, FOCUS_12_MANDATORY } from "@/lib/chargeback/focus-conformance";
import { importBillingFile } from "@/lib/billing/import-billing";
import { applyTrueUp } from "@/lib/billing/true-up";

import { wholeOctober } from "../helpers/whole-month";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
let n = 0;
const ev = (team: string, feature: string, cost: string | null, day = "15", model = "gpt-4o-2024-08-06") => ({
  id: `f-${++n}`,
  timestamp: `2026-10-${day}T12:00:00Z`,
  feature,
  team,
  provider: "openai",
  model,
  usage: { input_tokens: 1000 + n, output_tokens: 100 + n, cached_input_tokens: 10 },
  ...(cost === null ? {} : { cost_usd: cost }),
  outcome: "success",
});
const parse = (csv: string) => {
  const p = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  return { header: p.meta.fields ?? [], rows: p.data };
};
const sum = (rows: Record<string, string>[]) => rows.reduce((s, r) => s + parseUsd(r.BilledCost), 0n);

describe("FOCUS 1.2 export", () => {
  test("conforms to the FOCUS 1.2 rules and reconciles exactly with the chargeback, true-up included", async () => {
    const org = await createOrganization("focus-12", "Acme — AI");
    for (const t of ["alpha", "beta", "gamma"]) await db().team.create({ data: { organizationId: org.id, name: t } });
    // awkward amounts: 6-decimal rounding row by row would drift from the chargeback
    await ingestEvents(org.id, [
      ev("alpha", "search — answers", "0.0000004"),
      ev("alpha", "search — answers", "0.3333333333", "16"),
      ev("alpha", "summarise", "0.0000006", "17"),
      ev("beta", "support", "0.6666666667"),
      ev("beta", "support", "0.0000005", "18"),
      ev("beta", "support", "0.0000004", "19"),
      ev("gamma", "triage", "1.0000005"),
      ev("gamma", "triage", null, "20"), // priced by the catalog
      ev("gamma", "triage", "99", "21"), // a caller cost far above the list price
    ]);
    await createOctoberFixedCosts(org.id);
    const costs = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "openai-costs.json"), "utf8"));
    costs.data[0].results[0].amount.value = 150.1234567;
    await importBillingFile(
      org.id,
      { account: "openai-prod", source: "openai_costs", text: wholeOctober("openai_costs", JSON.stringify(costs)), via: "upload" },
      actor,
    );
    await applyTrueUp(org.id, "2026-10", { rule: "even" }, actor);

    const csv = await focusCsv(org.id, "2026-10");
    const { header, rows } = parse(csv);
    expect(checkFocus12(header, rows)).toEqual([]);
    for (const c of FOCUS_12_MANDATORY) expect(header).toContain(c);
    for (const c of ["x_ModelId", "x_InputTokens", "x_OutputTokens", "x_CacheReadTokens", "x_CacheWriteTokens"])
      expect(header).toContain(c);

    const cb = await getChargeback(org.id, "2026-10");
    const usage = rows.filter((r) => r.ChargeCategory === "Usage" && r.ConsumedUnit === "Tokens");
    const alloc = rows.filter((r) => r.ChargeCategory === "Usage" && r.ConsumedUnit === "Days");
    const trueUp = rows.filter((r) => r.ChargeCategory === "Adjustment");
    expect(sum(usage)).toBe(parseUsd(cb.events_usd));
    expect(sum(alloc)).toBe(parseUsd(cb.fixed_costs_usd));
    expect(sum(trueUp)).toBe(parseUsd(cb.true_up_usd));
    expect(sum(rows)).toBe(parseUsd(cb.total_usd));
    for (const team of cb.rows) {
      const mine = rows.filter((r) => r.x_Team === team.team);
      expect(sum(mine.filter((r) => r.ConsumedUnit === "Tokens"))).toBe(parseUsd(team.direct_usd));
      expect(sum(mine)).toBe(parseUsd(team.total_usd));
    }
    expect(usage[0]).toMatchObject({
      ProviderName: "OpenAI",
      ServiceName: "OpenAI API",
      PricingUnit: "Tokens",
      SkuPriceId: "openai/gpt-4o-2024-08-06/tokens",
      InvoiceId: "openai-prod:2026-10",
    });
    expect(usage[0].PricingQuantity).toMatch(/^\d+\.0$/);
    expect(rows.some((r) => r.ChargeDescription.includes("search - answers"))).toBe(true);
    expect(focusMetadata().FocusVersion).toBe("1.2");
  });

  test("the checker names the rules the old export broke", () => {
    const header = [
      "BillingAccountId",
      "BillingCurrency",
      "BillingPeriodStart",
      "BillingPeriodEnd",
      "ChargePeriodStart",
      "ChargePeriodEnd",
      "ChargeCategory",
      "ChargeDescription",
      "BilledCost",
      "EffectiveCost",
      "ListCost",
      "ContractedCost",
      "PricingQuantity",
      "PricingUnit",
      "ServiceCategory",
      "ServiceName",
      "ServiceProviderName",
      "SkuId",
      "SkuPriceDetails",
      "x_Team",
    ];
    const row = {
      BillingAccountId: "o",
      BillingCurrency: "USD",
      BillingPeriodStart: "2026-10-01T00:00:00Z",
      BillingPeriodEnd: "2026-11-01T00:00:00Z",
      ChargePeriodStart: "2026-10-01T00:00:00Z",
      ChargePeriodEnd: "2026-11-01T00:00:00Z",
      ChargeCategory: "Purchase",
      ChargeDescription: "GPU — allocated",
      BilledCost: "2.000000",
      EffectiveCost: "2.000000",
      ListCost: "1.000000",
      ContractedCost: "2.000000",
      PricingQuantity: "",
      PricingUnit: "",
      ServiceCategory: "AI and Machine Learning",
      ServiceName: "GPU",
      ServiceProviderName: "internal",
      SkuId: "fixed/1",
      SkuPriceDetails: '{"input_tokens":"5"}',
      x_Team: "a",
    };
    const rules = new Set(checkFocus12(header, [row]).map((v) => `${v.column}: ${v.rule}`));
    for (const expected of [
      "BillingAccountName: column MUST be present",
      "PublisherName: column MUST be present",
      "InvoiceIssuerName: column MUST be present",
      "ChargeClass: column MUST be present",
      "ProviderName: column MUST be present",
      "ServiceProviderName: custom columns MUST use the x_ prefix",
      "ChargeDescription: StringHandling: ASCII text",
      "PricingQuantity: PricingQuantity MUST NOT be null for Usage or Purchase",
      "SkuPriceDetails: SkuPriceDetails property keys MUST begin with x_ unless FOCUS-defined",
      "ListCost: ListCost is not below BilledCost",
    ])
      expect(rules).toContain(expected);
  });
});
