import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { formatUsd6, parseUsd } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { importBillingFile } from "@/lib/billing/import-billing";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { applyTrueUp } from "@/lib/billing/true-up";
import { wholeOctober } from "../helpers/whole-month";
import { getChargeback, readChargeback } from "@/lib/chargeback/get-chargeback";
import { chargebackCsv } from "@/lib/chargeback/chargeback-csv";
import type { BillingSource } from "@/lib/billing/parse-billing-file";

useTestDatabase();

const actor = { userId: null, apiKeyId: null };
const fixture = (f: string) => fs.readFileSync(path.join(__dirname, "fixtures", f), "utf8");
let n = 0;
const ev = (o: { team: string; provider: string; model: string; cost: string; day: string; input: number; output: number }) => ({
  id: `b-${++n}`,
  timestamp: `2026-10-${o.day}T12:00:00Z`,
  feature: `${o.team}_bot`,
  team: o.team,
  provider: o.provider,
  model: o.model,
  usage: { input_tokens: o.input, output_tokens: o.output },
  cost_usd: o.cost,
  outcome: "success",
});
const EVENTS = [
  ev({ team: "alpha", provider: "openai", model: "gpt-4o-2024-08-06", cost: "1.00", day: "10", input: 1000, output: 100 }),
  ev({ team: "alpha", provider: "openai", model: "gpt-4o-2024-08-06", cost: "1.00", day: "10", input: 1000, output: 100 }),
  ev({ team: "beta", provider: "openai", model: "gpt-4o-2024-08-06", cost: "2.00", day: "11", input: 2000, output: 200 }),
  ev({ team: "beta", provider: "anthropic", model: "claude-sonnet-4-20250514", cost: "4.5", day: "10", input: 1700, output: 300 }),
  ev({ team: "gamma", provider: "aws", model: "anthropic.claude-3-haiku", cost: "0.70", day: "10", input: 1_000_000, output: 400_000 }),
];
const IMPORTS: [BillingSource, string, string][] = [
  ["openai_costs", "openai-prod", "openai-costs.json"],
  ["openai_usage", "openai-prod", "openai-usage.json"],
  ["anthropic_cost_report", "anthropic-main", "anthropic-cost-report.json"],
  ["anthropic_usage", "anthropic-main", "anthropic-usage.json"],
  ["focus", "aws-payer", "focus-bedrock.csv"],
];

/** Invoice totals recomputed straight from the fixture files, independently of the parser. */
function recomputeInvoice() {
  const openai = JSON.parse(fixture("openai-costs.json"))
    .data.flatMap((b: { results: { amount: { value: number } }[] }) => b.results)
    .reduce((s: bigint, r: { amount: { value: number } }) => s + parseUsd(String(r.amount.value)), 0n);
  const anthropic = JSON.parse(fixture("anthropic-cost-report.json")).data[0].results.reduce(
    (s: bigint, r: { amount: string }) => s + parseUsd(r.amount) / 100n,
    0n,
  );
  const focus = fixture("focus-bedrock.csv")
    .trim()
    .split("\n")
    .slice(1)
    .reduce((s, line) => s + parseUsd(line.split(",")[10]), 0n);
  return { openai, anthropic, aws: focus };
}

describe("billing import and reconciliation", () => {
  let orgId = "";
  test("imports a fixture of every format and reconciles to the cent-millionth", async () => {
    const org = await createOrganization("billing-1", "Billing");
    orgId = org.id;
    for (const t of ["alpha", "beta", "gamma"]) await db().team.create({ data: { organizationId: org.id, name: t } });
    expect((await ingestEvents(org.id, EVENTS)).accepted).toBe(EVENTS.length);
    for (const [source, account, file] of IMPORTS) {
      // the cost files cover the whole month (zero lines on the 1st and the 31st): a complete invoice
      const text =
        source === "openai_costs" || source === "anthropic_cost_report" || source === "focus"
          ? wholeOctober(source, fixture(file))
          : fixture(file);
      const r = await importBillingFile(org.id, { account, source, text, via: "upload" }, actor);
      expect(r.unchanged).toBe(false);
      expect(r.diff.added).toBe(r.lines);
    }
    const rec = await getReconciliation(org.id, "2026-10");
    const inv = recomputeInvoice();
    const byProvider = Object.fromEntries(rec.providers.map((p) => [p.provider, p]));
    expect(byProvider.openai.invoiced_usd).toBe(formatUsd6(inv.openai));
    expect(byProvider.anthropic.invoiced_usd).toBe(formatUsd6(inv.anthropic));
    expect(byProvider.aws.invoiced_usd).toBe(formatUsd6(inv.aws));
    const attributed = (p: string) => EVENTS.filter((e) => e.provider === p).reduce((s, e) => s + parseUsd(e.cost_usd), 0n);
    for (const p of ["openai", "anthropic", "aws"]) {
      expect(byProvider[p].attributed_usd).toBe(formatUsd6(attributed(p)));
      // the drivers explain the whole gap
      const drivers = byProvider[p].drivers.reduce((s, d) => s + parseUsd(d.amount_usd), 0n);
      expect(drivers).toBe(parseUsd(byProvider[p].gap_usd));
    }
    const drv = Object.fromEntries(byProvider.openai.drivers.map((d) => [d.driver, d.amount_usd]));
    expect(byProvider.openai.largest_driver).toBe("no_events");
    expect(drv).toEqual({ no_events: "3.333333", credits: "-0.500000", undelivered_stream: "0.000100", rate_difference: "0.099900" });
    expect(byProvider.openai.invoiced_output_tokens).toBe("410");
    expect(Object.fromEntries(byProvider.aws.drivers.map((d) => [d.driver, d.amount_usd]))).toEqual({
      other_charges: "0.060000",
      rate_difference: "0.050000",
    });
    expect(byProvider.openai.over_threshold).toBe(true);
    const alert = await db().alert.findFirst({
      where: { organizationId: org.id, kind: "reconciliation", dedupeKey: "reconciliation:openai:2026-10" },
    });
    expect(alert?.title).toContain("openai invoice for 2026-10");
    expect(rec.gap_usd).toBe(formatUsd6(inv.openai + inv.anthropic + inv.aws - EVENTS.reduce((s, e) => s + parseUsd(e.cost_usd), 0n)));
  });

  test("re-importing the same files changes nothing; a corrected file shows what changed", async () => {
    const before = await db().invoiceLine.findMany({
      where: { organizationId: orgId },
      orderBy: [{ source: "asc" }, { day: "asc" }, { lineItem: "asc" }],
    });
    for (const [source, account, file] of IMPORTS) {
      const r = await importBillingFile(orgId, { account, source, text: fixture(file), via: "upload" }, actor);
      expect(r.unchanged).toBe(true);
      expect(r.diff.cost_delta_usd).toBe("0.000000000000");
    }
    const after = await db().invoiceLine.findMany({
      where: { organizationId: orgId },
      orderBy: [{ source: "asc" }, { day: "asc" }, { lineItem: "asc" }],
    });
    expect(after.map((l) => [l.lineItem, l.costUsd?.toString(), l.importId])).toEqual(
      before.map((l) => [l.lineItem, l.costUsd?.toString(), l.importId]),
    );
    const corrected = fixture("openai-costs.json").replace('"value": 3.3333333', '"value": 3.4');
    const r = await importBillingFile(orgId, { account: "openai-prod", source: "openai_costs", text: corrected, via: "api" }, actor);
    expect(r.diff).toMatchObject({ added: 0, removed: 0, changed: 1, cost_delta_usd: "0.066666700000" });
    const audit = await db().auditLog.findMany({ where: { organizationId: orgId, action: "billing.import" } });
    expect(audit).toHaveLength(IMPORTS.length * 2 + 1);
    await importBillingFile(
      orgId,
      { account: "openai-prod", source: "openai_costs", text: fixture("openai-costs.json"), via: "api" },
      actor,
    );
  });

  test("the true-up makes the month's chargeback equal the invoice", async () => {
    const inv = recomputeInvoice();
    const invoice = formatUsd6(inv.openai + inv.anthropic + inv.aws);
    const before = await getChargeback(orgId, "2026-10");
    expect(before.total_usd).not.toBe(invoice);
    const applied = await applyTrueUp(orgId, "2026-10", { rule: "proportional" }, actor);
    expect(applied.invoice_usd).toBe(invoice);
    const cb = await getChargeback(orgId, "2026-10");
    expect(cb.total_usd).toBe(invoice);
    expect(cb.rows.reduce((s, r) => s + parseUsd(r.total_usd), 0n)).toBe(parseUsd(invoice));
    expect(cb.rows.reduce((s, r) => s + parseUsd(r.true_up_usd ?? "missing"), 0n)).toBe(parseUsd(applied.amount_usd));
    for (const r of cb.rows)
      expect(parseUsd(r.total_usd)).toBe(parseUsd(r.direct_usd) + parseUsd(r.allocated_usd) + parseUsd(r.true_up_usd ?? "missing"));
    expect(chargebackCsv(await readChargeback(orgId, "2026-10")).split("\r\n")[0]).toContain("true_up_usd");
    // a finance-chosen rule: all of it to one team
    await applyTrueUp(orgId, "2026-10", { rule: "direct", team: "gamma" }, actor);
    const direct = await getChargeback(orgId, "2026-10");
    expect(direct.total_usd).toBe(invoice);
    expect(direct.rows.find((r) => r.team === "gamma")!.true_up_usd).toBe(applied.amount_usd);
  });

  test("a file in the wrong shape is refused with a message that says what to do", async () => {
    await expect(
      importBillingFile(orgId, { account: "openai-prod", source: "openai_costs", text: '{"object":"list"}', via: "upload" }, actor),
    ).rejects.toThrow(/no "data" array/);
    await expect(
      importBillingFile(
        orgId,
        { account: "openai-prod", source: "anthropic_cost_report", text: fixture("anthropic-cost-report.json"), via: "upload" },
        actor,
      ),
    ).rejects.toThrow(/account of its own/);
  });
});
