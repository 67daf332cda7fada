import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { getShadowAi, importShadowFile, saveRule, deleteRule } from "@/lib/shadow-ai/shadow-ai";
import { assertMatchesContract } from "@/lib/api/route-contract";
import { endpoints } from "@/lib/api/endpoints";

useTestDatabase();
const actor = { userId: null, apiKeyId: null };

const CARD = [
  "Trans. Date,Merchant Name,Memo,Amount,Cardholder,Cost Center",
  "09/14/2026,OPENAI *CHATGPT SUBSCR,,$20.00,ana@acme.dev,Marketing",
  "10/14/2026,OPENAI *CHATGPT SUBSCR,,$20.00,ana@acme.dev,Marketing",
  "11/14/2026,OPENAI *CHATGPT SUBSCR,,$20.00,ana@acme.dev,Marketing",
  "11/02/2026,MIDJOURNEY INC.,,$30.00,bo@acme.dev,Design",
  '11/03/2026,OPENAI *CHATGPT ENTERPRISE,,"1,500.00",it@acme.dev,IT',
  "11/05/2026,STAPLES 0042,printer paper,$12.00,bo@acme.dev,Design",
  "11/06/2026,PAYPAL *SOMEONE,Claude.ai subscription,$18.00,cy@acme.dev,Sales",
].join("\n");

describe("shadow AI from card statements", () => {
  test("columns mapped on upload; idempotent per period; matches explain themselves; the report splits sanctioned and not", async () => {
    const org = await createOrganization("shadow-1", "Shadow");
    await saveRule(
      org.id,
      { pattern: "OPENAI *CHATGPT ENTERPRISE", vendor: "OpenAI", product: "ChatGPT Enterprise", sanctioned: true, seat_usd: "60" },
      actor,
    );
    const first = await importShadowFile(
      org.id,
      {
        account: "amex",
        source: "card",
        text: CARD,
        via: "upload",
        mapping: { date: "Trans. Date", merchant: "Merchant Name", description: "Memo", employee: "Cardholder", department: "Cost Center" },
      },
      actor,
    );
    expect(first).toMatchObject({ period_start: "2026-09-14", period_end: "2026-11-14", lines: 7, unchanged: false });
    assertMatchesContract(endpoints["POST /api/v1/shadow-ai/imports"].response!, first, "import");
    const again = await importShadowFile(
      org.id,
      {
        account: "amex",
        source: "card",
        text: CARD,
        via: "upload",
        mapping: { date: "Trans. Date", merchant: "Merchant Name", description: "Memo", employee: "Cardholder", department: "Cost Center" },
      },
      actor,
    );
    expect(again.unchanged).toBe(true);
    expect(await db().shadowSpendLine.count({ where: { organizationId: org.id } })).toBe(7);

    const r = await getShadowAi(org.id, "2026-11");
    assertMatchesContract(endpoints["GET /api/v1/shadow-ai"].response!, r, "report");
    expect(r.totals).toMatchObject({ ai_spend_usd: "1568.000000", sanctioned_usd: "1500.000000", unsanctioned_usd: "68.000000", lines: 4 });
    expect(r.audited_in_last_12_months).toBe(true);
    const ana = r.by_person.find((p) => p.employee === "ana@acme.dev")!;
    expect(ana).toMatchObject({ vendor: "OpenAI", recurring: true, unsanctioned_usd: "20.000000" });
    expect(r.by_person.find((p) => p.employee === "bo@acme.dev")).toMatchObject({ vendor: "Midjourney", recurring: false });
    expect(r.matches.find((m) => m.employee === "cy@acme.dev")!.explanation).toBe(
      'description "Claude.ai subscription" contains "CLAUDE.AI" (maintained list: Anthropic Claude)',
    );
    expect(r.under_contract.find((c) => c.vendor === "OpenAI")).toMatchObject({ people: 1, under_contract_usd: "60.000000" });
    expect(r.by_department.map((d) => d.department)).toEqual(["Design", "Marketing", "Sales"]);
    expect(r.trend.map((t) => t.unsanctioned_usd).slice(-3)).toEqual(["20.000000", "20.000000", "68.000000"]);
  });

  test("an ignore rule removes a false positive; deleting it brings it back", async () => {
    const org = await createOrganization("shadow-2", "Shadow 2");
    await importShadowFile(
      org.id,
      {
        account: "exp",
        source: "expense",
        text: "date,merchant,amount,employee,department\n2026-11-02,PERPLEXITY BAKERY,9.00,a@x,Ops\n",
        via: "upload",
      },
      actor,
    );
    expect((await getShadowAi(org.id, "2026-11")).totals.lines).toBe(1);
    const rule = await saveRule(org.id, { pattern: "PERPLEXITY BAKERY", vendor: "not AI", ignore: true }, actor);
    expect((await getShadowAi(org.id, "2026-11")).totals.lines).toBe(0);
    await deleteRule(org.id, rule.id, actor);
    expect((await getShadowAi(org.id, "2026-11")).totals.lines).toBe(1);
  });

  test.each([
    ["no amount column", "date,merchant\n2026-11-01,OPENAI\n", {}, /no column for amount/],
    [
      "a mapped column that is not there",
      "date,merchant,amount\n2026-11-01,OPENAI,1\n",
      { employee: "Cardholder" },
      /"Cardholder" mapped to employee is not in the file/,
    ],
    ["a bad date", "date,merchant,amount\n14.11.2026,OPENAI,1\n", {}, /row 2: date "14.11.2026"/],
    ["a bad amount", "date,merchant,amount\n2026-11-01,OPENAI,twenty\n", {}, /row 2: amount "twenty"/],
  ])("%s is a 400 that says what to do", async (_n, text, mapping, msg) => {
    const org = await createOrganization(`shadow-bad-${Math.random().toString(36).slice(2, 8)}`, "Bad");
    await expect(importShadowFile(org.id, { account: "x", source: "expense", text, mapping, via: "upload" }, actor)).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(msg),
    });
  });

  test("FOCUS marketplace lines: the publisher names the AI vendor", async () => {
    const org = await createOrganization("shadow-focus", "Focus");
    const focus = [
      "BilledCost,BillingCurrency,ChargePeriodStart,ProviderName,PublisherName,ServiceName,SubAccountName",
      "120.00,USD,2026-11-01T00:00:00Z,AWS,Anthropic,Claude (Amazon Bedrock Edition),data-science",
      "40.00,USD,2026-11-01T00:00:00Z,AWS,AWS,Amazon EC2,web",
    ].join("\n");
    const r = await importShadowFile(org.id, { account: "aws", source: "focus", text: focus, via: "upload" }, actor);
    expect(r.lines).toBe(1);
    const rep = await getShadowAi(org.id, "2026-11");
    expect(rep.by_department).toEqual([{ department: "data-science", unsanctioned_usd: "120.000000", lines: 1 }]);
  });
});
