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
import { contractCommitmentCsv, focusCsv, focusMetadata } from "@/lib/chargeback/focus-export";
import { checkContractCommitment } from "@/lib/chargeback/focus-contract-commitment";
import { createContract } from "@/lib/billing/manage-contracts";
import { checkFocus, checkFocus12, FOCUS_12_MANDATORY, FOCUS_13_MANDATORY } from "@/lib/chargeback/focus-conformance";
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

describe("FOCUS export (1.3, 1.2 on request)", () => {
  test("conforms to the FOCUS 1.3 and 1.2 rules and reconciles exactly with the chargeback, true-up included", async () => {
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
    expect(checkFocus("1.3", header, rows)).toEqual([]);
    for (const c of FOCUS_13_MANDATORY) expect(header).toContain(c);
    // the 1.2 option: its own columns and rules, the same money
    const v12 = parse(await focusCsv(org.id, "2026-10", "1.2"));
    expect(checkFocus12(v12.header, v12.rows)).toEqual([]);
    for (const c of FOCUS_12_MANDATORY) expect(v12.header).toContain(c);
    expect(v12.header).not.toContain("ServiceProviderName");
    expect(sum(v12.rows)).toBe(sum(rows));
    for (const c of ["x_ModelId", "x_InputTokens", "x_OutputTokens", "x_CacheReadTokens", "x_CacheWriteTokens"])
      expect(header).toContain(c);

    const cb = await getChargeback(org.id, "2026-10");
    const usage = rows.filter((r) => r.ChargeCategory === "Usage" && r.ConsumedUnit === "Tokens");
    const alloc = rows.filter((r) => r.ChargeCategory === "Usage" && r.ConsumedUnit === "Days");
    const trueUp = rows.filter((r) => r.ChargeCategory === "Adjustment");
    expect(sum(usage)).toBe(parseUsd(cb.events_usd));
    expect(sum(alloc)).toBe(parseUsd(cb.fixed_costs_usd));
    expect(sum(trueUp)).toBe(parseUsd(cb.true_up_usd ?? "missing"));
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
      ServiceProviderName: "OpenAI",
      HostProviderName: "OpenAI",
      AllocatedMethodId: "",
    });
    expect(JSON.parse(usage[0].SkuPriceDetails)).toEqual({
      ModelDeveloper: "OpenAI",
      ModelFamily: "gpt-4o",
      ModelId: "gpt-4o-2024-08-06",
      ModelVersion: "2024-08-06",
    });
    for (const a of alloc) {
      expect(a.AllocatedMethodId).toBe("spendline-chargeback-allocation");
      expect(a.AllocatedResourceName === "" ? "unallocated" : a.AllocatedResourceName).toBe(a.x_Team);
      expect(a.HostProviderName).toBe("Not Applicable");
    }
    expect(usage[0].PricingQuantity).toMatch(/^\d+\.0$/);
    expect(rows.some((r) => r.ChargeDescription.includes("search - answers"))).toBe(true);
    expect(focusMetadata().FocusVersion).toBe("1.3");
    expect(focusMetadata("1.2").FocusVersion).toBe("1.2");
  });

  test("the ContractCommitment dataset lists the commitments in force in the month, by the dataset's rules", async () => {
    const org = await createOrganization("focus-cc", "Acme");
    const commit = (name: string, start: string, end: string) =>
      createContract(
        org.id,
        {
          type: "commitment",
          provider: "openai",
          name,
          period_start: start,
          period_end: end,
          monthly_floor_usd: "50",
          discount: "0.2",
          lapse_after_months: 2,
        },
        actor,
      );
    await commit("OpenAI commit", "2026-10-15", "2027-10-15");
    await commit("Old commit", "2025-01-01", "2026-10-01"); // ended before October: not listed
    const { header, rows } = parse(await contractCommitmentCsv(org.id, "2026-10"));
    expect(checkContractCommitment(header, rows)).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ContractCommitmentCategory: "Spend",
      ContractCommitmentCost: "50.000000",
      ContractCommitmentPeriodStart: "2026-10-15T00:00:00Z",
      ContractCommitmentPeriodEnd: "2026-11-01T00:00:00Z",
      ContractPeriodEnd: "2027-10-15T00:00:00Z",
      x_DiscountPercentage: "20",
    });
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

  test("the 1.3 checker: ServiceProviderName and HostProviderName are mandatory, model identity keys are FOCUS-defined, allocations name their method", () => {
    const header = [
      ...FOCUS_13_MANDATORY,
      "SkuPriceId",
      "SkuPriceDetails",
      "AllocatedMethodId",
      "AllocatedResourceId",
      "AllocatedResourceName",
    ];
    const row: Record<string, string> = Object.fromEntries(header.map((c) => [c, "x"]));
    Object.assign(row, {
      BillingCurrency: "USD",
      BillingPeriodStart: "2026-10-01T00:00:00Z",
      BillingPeriodEnd: "2026-11-01T00:00:00Z",
      ChargePeriodStart: "2026-10-01T00:00:00Z",
      ChargePeriodEnd: "2026-11-01T00:00:00Z",
      ChargeCategory: "Usage",
      ChargeClass: "",
      BilledCost: "1.0",
      EffectiveCost: "1.0",
      ListCost: "1.0",
      ContractedCost: "1.0",
      PricingQuantity: "1.0",
      ServiceCategory: "AI and Machine Learning",
      HostProviderName: "",
      SkuPriceDetails: JSON.stringify({ ModelDeveloper: "OpenAI", ModelId: "gpt-4o", TokenCacheAction: "Read" }),
      AllocatedMethodId: "",
      AllocatedResourceId: "team/a",
    });
    const rules = new Set(checkFocus("1.3", header, [row]).map((v) => `${v.column}: ${v.rule}`));
    expect(rules).toEqual(
      new Set([
        "HostProviderName: MUST NOT be null",
        // a cache action is not ratified yet: it must ride as x_ (ModelDeveloper and ModelId pass)
        "SkuPriceDetails: SkuPriceDetails property keys MUST begin with x_ unless FOCUS-defined",
        "AllocatedMethodId: AllocatedMethodId MUST NOT be null when a charge is related to a split cost allocation",
      ]),
    );
    // the same header under 1.2: the 1.3 columns are not FOCUS 1.2 columns, model keys not 1.2 keys
    const v12 = new Set(checkFocus12(header, [row]).map((v) => `${v.column}: ${v.rule}`));
    expect(v12).toContain("ServiceProviderName: custom columns MUST use the x_ prefix");
    expect(v12).toContain("AllocatedMethodId: custom columns MUST use the x_ prefix");
  });
});
