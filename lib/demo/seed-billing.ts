import "server-only";
import { db, Prisma } from "../db";
import { divHalfEven, parseUsd, toDecimalString } from "../money";
import { getRates } from "../pricing/catalog-rates";
import { importBillingFile } from "../billing/import-billing";
import type { BillingSource } from "../billing/parse-billing-file";
import { DAY_MS } from "../time";
import { importRates, loadRateTable, setAccountCurrency } from "../fx/store";
import { convert } from "../fx/rates";

/**
 * Demo billing story (issue 12): last month's provider invoices, built from what the demo's
 * events cost, with a realistic gap —
 *  - an aborted-stream share: the provider bills 14 % more output tokens than were recorded on
 *    days with aborted streams, at the price-book output rate;
 *  - a re-index batch: an embeddings job with no events at all;
 *  - a rate difference: the busiest OpenAI model billed 4 % above the price book;
 *  - a promotional credit;
 *  - the priority-tier calls on their own cost lines, so the reconciliation breaks the gap down by tier;
 * imported through the real import path, plus a commitment at risk, a quota that runs out
 * before the month ends and a provisioned capacity whose idle hours are charged to platform;
 * and a provider billed in EUR (issue 23 item 5): Google's Vertex AI, invoiced as a FOCUS export
 * in euros, reconciled in EUR against the usage converted at the ECB-style daily rates.
 */
const ABORT_EXTRA = 0.14;
const RATE_UPLIFT = 104n; // percent

const monthStart = (d: Date, offset = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

type Cell = {
  provider: string;
  model: string;
  day: Date;
  cost: string;
  output: string;
  input: string;
  cached: string;
  streamed: string;
  aborted: number;
  requests: number;
};

export async function seedBillingDemo(organizationId: string, now: Date): Promise<void> {
  const from = monthStart(now, -1);
  const to = monthStart(now);
  const cells = await db().$queryRaw<Cell[]>(Prisma.sql`
    SELECT "provider", "model", "day", SUM("costUsd")::text AS cost, SUM("outputTokens")::text AS output,
           SUM("inputTokens")::text AS input, SUM("cachedInputTokens")::text AS cached,
           SUM("streamedOutputTokens")::text AS streamed, SUM("abortedEvents")::int AS aborted, SUM("events")::int AS requests
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date AND "provider" IN ('openai', 'anthropic')
    GROUP BY 1, 2, 3 ORDER BY 3, 2`);
  if (!cells.length) return;
  const openaiByModel = new Map<string, bigint>();
  for (const c of cells.filter((x) => x.provider === "openai"))
    openaiByModel.set(c.model, (openaiByModel.get(c.model) ?? 0n) + parseUsd(c.cost));
  const upliftModel = [...openaiByModel].sort((a, b) => (b[1] > a[1] ? 1 : -1))[0]?.[0];

  // what the provider bills per model and day
  const billed = cells.map((c) => {
    let cost = parseUsd(c.cost);
    let output = BigInt(c.output);
    if (c.aborted > 0) {
      const extra = BigInt(Math.round(Number(c.streamed) * ABORT_EXTRA));
      const rate = getRates(c.provider, c.model, c.day);
      if (rate) {
        output += extra;
        cost += divHalfEven(extra * parseUsd(rate.outputPerMTok), 1_000_000n);
      }
    }
    if (c.provider === "openai" && c.model === upliftModel) cost = divHalfEven(cost * RATE_UPLIFT, 100n);
    return { ...c, costPico: cost, outputTokens: output };
  });

  // the part of each OpenAI (model, day) billed at the priority tier: the demo's enterprise
  // escalations (generate-demo-events.ts). Read from raw events: the rollups carry no tier.
  const priority = await db().$queryRaw<{ model: string; day: Date; cost: string }[]>(Prisma.sql`
    SELECT "model", date_trunc('day', "timestamp" AT TIME ZONE 'UTC')::date AS day, SUM("costUsd")::text AS cost
    FROM "CostEvent"
    WHERE "organizationId" = ${organizationId} AND "timestamp" >= ${from} AND "timestamp" < ${to}
      AND "provider" = 'openai' AND "serviceTier" = 'priority'
    GROUP BY 1, 2`);
  const priorityOf = new Map(priority.map((r) => [`${r.model}|${r.day.getTime()}`, parseUsd(r.cost)]));

  const days = [...new Set(billed.map((b) => b.day.getTime()))].sort();
  const reindexDay = new Date(days[Math.floor(days.length / 2)]);
  const dayEnd = (d: Date) => unix(d) + 86_400;
  const usd = (p: bigint) => Number(toDecimalString(p));

  const openaiCosts = {
    object: "page",
    data: days.map((t) => {
      const d = new Date(t);
      // OpenAI names the tier in the cost line item ("…, priority"): the day's priority calls are
      // their own line (at the model's uplift, if any), the rest stays the standard line, so the
      // day's invoice is the same and the reconciliation can compare tier by tier (decision 045)
      const results = billed
        .filter((b) => b.provider === "openai" && b.day.getTime() === t)
        .flatMap((b) => {
          const attributed = priorityOf.get(`${b.model}|${t}`) ?? 0n;
          const prio = b.model === upliftModel ? divHalfEven(attributed * RATE_UPLIFT, 100n) : attributed;
          const line = (costPico: bigint, lineItem: string) => ({
            object: "organization.costs.result",
            amount: { value: usd(costPico), currency: "usd" },
            line_item: lineItem,
            project_id: "proj_demo",
          });
          return prio > 0n && prio < b.costPico
            ? [line(b.costPico - prio, `${b.model}, tokens`), line(prio, `${b.model}, tokens, priority`)]
            : [line(b.costPico, `${b.model}, tokens`)];
        });
      if (t === reindexDay.getTime()) {
        // the knowledge-base re-index: 295M embedding tokens, run as a batch job nobody instruments
        results.push({
          object: "organization.costs.result",
          amount: { value: 38.35, currency: "usd" },
          line_item: "text-embedding-3-large, input",
          project_id: "proj_reindex",
        });
      }
      if (t === days[days.length - 1]) {
        results.push({
          object: "organization.costs.result",
          amount: { value: -15, currency: "usd" },
          line_item: "Promotional credit",
          project_id: null as unknown as string,
        });
      }
      return { object: "bucket", start_time: unix(d), end_time: dayEnd(d), results };
    }),
    has_more: false,
    next_page: null,
  };
  const openaiUsage = {
    object: "page",
    data: days.map((t) => ({
      object: "bucket",
      start_time: unix(new Date(t)),
      end_time: dayEnd(new Date(t)),
      results: billed
        .filter((b) => b.provider === "openai" && b.day.getTime() === t)
        .map((b) => ({
          object: "organization.usage.completions.result",
          input_tokens: Number(b.input),
          output_tokens: Number(b.outputTokens),
          input_cached_tokens: Number(b.cached),
          input_audio_tokens: 0,
          output_audio_tokens: 0,
          num_model_requests: b.requests,
          project_id: null,
          user_id: null,
          api_key_id: null,
          model: b.model,
          batch: false,
        })),
    })),
    has_more: false,
    next_page: null,
  };
  const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
  /** Anthropic's cost and usage reports: one bucket a day, the day's Anthropic rows as `row` shows them. */
  const anthropicReport = (row: (b: (typeof billed)[number]) => Record<string, unknown>) => ({
    data: days.map((t) => ({
      starting_at: iso(new Date(t)),
      ending_at: iso(new Date(t + DAY_MS)),
      results: billed.filter((b) => b.provider === "anthropic" && b.day.getTime() === t).map(row),
    })),
    has_more: false,
    next_page: null,
  });
  const anthropicCost = anthropicReport((b) => ({
    currency: "USD",
    amount: toDecimalString(b.costPico * 100n).replace(/\.?0+$/, ""),
    workspace_id: null,
    description: `${b.model} usage`,
    cost_type: "tokens",
    context_window: "0-200k",
    model: b.model,
    service_tier: "standard",
    token_type: null,
  }));
  const anthropicUsage = anthropicReport((b) => ({
    uncached_input_tokens: Number(BigInt(b.input) - BigInt(b.cached)),
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
    cache_read_input_tokens: Number(b.cached),
    output_tokens: Number(b.outputTokens),
    server_tool_use: { web_search_requests: 0 },
    api_key_id: null,
    workspace_id: null,
    model: b.model,
    service_tier: "standard",
    context_window: "0-200k",
  }));
  const actor = { userId: null, apiKeyId: null };
  const load = (account: string, source: BillingSource, report: unknown, via: "upload" | "connector") =>
    importBillingFile(organizationId, { account, source, text: JSON.stringify(report), via }, actor);
  await load("openai-prod", "openai_costs", openaiCosts, "upload");
  await load("openai-prod", "openai_usage", openaiUsage, "upload");
  if (billed.some((b) => b.provider === "anthropic")) {
    await load("anthropic-main", "anthropic_cost_report", anthropicCost, "connector");
    await load("anthropic-main", "anthropic_usage", anthropicUsage, "connector");
  }
  await seedEurBilling(organizationId, from, to, now);

  await seedContractsDemo(organizationId, now, upliftModel ?? null);
}

/** EUR/USD reference rates of the demo (ECB style: business days, four decimals), deterministic. */
function demoEurUsdCsv(from: Date, now: Date): string {
  const lines = ["Date,USD,"];
  for (let t = from.getTime() - 7 * DAY_MS, i = 0; t <= now.getTime(); t += DAY_MS, i++) {
    const wd = new Date(t).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    lines.push(`${new Date(t).toISOString().slice(0, 10)},${(1.08 + (((i * 37) % 61) - 30) / 10_000).toFixed(4)},`);
  }
  return lines.join("\n") + "\n";
}

/**
 * The EUR-billed provider: the month's Google (Vertex AI) usage as Google Cloud's FOCUS export
 * bills it in euros (each model × day converted at the rate in force that day, six decimals),
 * with zero lines on the month's first and last days (the export covers the whole month; search
 * answers moved to OpenAI mid-month).
 */
async function seedEurBilling(organizationId: string, from: Date, to: Date, now: Date): Promise<void> {
  const cells = await db().$queryRaw<{ model: string; day: Date; cost: string; input: string; output: string }[]>(Prisma.sql`
    SELECT "model", "day", SUM("costUsd")::text AS cost, SUM("inputTokens")::text AS input, SUM("outputTokens")::text AS output
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date AND "provider" = 'google'
    GROUP BY 1, 2 ORDER BY 2, 1`);
  if (!cells.length) return;
  const actor = { userId: null, apiKeyId: null };
  await importRates(organizationId, { text: demoEurUsdCsv(from, now) }, actor);
  await setAccountCurrency(organizationId, "gcp-vertex-eu", { currency: "EUR", provider: "focus" }, actor);
  const rates = await loadRateTable(organizationId, from, to);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const eur6 = (usd: string, d: Date) => {
    const micro = convert(parseUsd(usd), rates.conversion("USD", "EUR", day(d))!, 1_000_000n);
    return toDecimalString(micro * 1_000_000n).slice(0, -6);
  };
  const header =
    "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,BillingCurrency,ProviderName,ServiceName,x_Model,ChargeDescription";
  const row = (d: Date, model: string, cost: string, what: string) =>
    [
      `${day(d)}T00:00:00Z`,
      `${day(new Date(d.getTime() + DAY_MS))}T00:00:00Z`,
      "Usage",
      cost,
      "EUR",
      "Google",
      "Vertex AI",
      model,
      what,
    ].join(",");
  const model = cells[0].model;
  const rows = [
    row(from, model, "0", `${model} (no usage)`),
    ...cells.map((c) => row(c.day, c.model, eur6(c.cost, c.day), `${c.model} tokens`)),
    row(new Date(to.getTime() - DAY_MS), model, "0", `${model} (no usage)`),
  ];
  await importBillingFile(
    organizationId,
    { account: "gcp-vertex-eu", source: "focus", text: [header, ...rows].join("\n") + "\n", via: "upload" },
    actor,
  );
}

/**
 * A commitment at risk (a floor 10 % above this month's OpenAI run-rate, starting this month:
 * missed now, the discount lapses two months ahead if nothing changes), an Anthropic token
 * quota that runs out before the month ends at the current pace, and provisioned throughput
 * for the busiest OpenAI model, about a third used, idle hours charged to platform.
 */
export async function seedContractsDemo(organizationId: string, now: Date, capacityModel: string | null): Promise<void> {
  const from = monthStart(now, -1);
  const to = monthStart(now);
  const elapsed = Math.max((now.getTime() - to.getTime()) / DAY_MS, 1);
  const monthDays = (monthStart(now, 1).getTime() - to.getTime()) / DAY_MS;
  const [mtd] = await db().$queryRaw<{ openai: string | null; tokens: string | null }[]>(Prisma.sql`
    SELECT SUM("costUsd") FILTER (WHERE "provider" = 'openai')::text AS openai,
           SUM("inputTokens" + "outputTokens") FILTER (WHERE "provider" = 'anthropic')::text AS tokens
    FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND "day" >= ${to}::date`);
  const runRate = (Number(mtd?.openai ?? 0) / elapsed) * monthDays;
  if (runRate > 0) {
    await db().commitment.create({
      data: {
        organizationId,
        provider: "openai",
        name: "OpenAI committed-use (12 months, 15 % off)",
        periodStart: to,
        periodEnd: monthStart(now, 12),
        monthlyFloorUsd: String(Math.ceil((runRate * 1.1) / 10) * 10),
        discount: "0.15",
        lapseAfterMonths: 3,
      },
    });
  }
  const used = Number(mtd?.tokens ?? 0);
  const projected = (used / elapsed) * monthDays;
  if (projected > used) {
    // halfway between what is used and what the month will use: the pace runs it out before the end
    const limit = Math.ceil((used + (projected - used) / 2) / 100_000) * 100_000;
    await db().quota.create({ data: { organizationId, provider: "anthropic", model: "", unit: "tokens", monthlyLimit: String(limit) } });
  }
  // provisioned throughput for the busiest OpenAI model, sized so it runs about a third full
  if (capacityModel) {
    const [row] = await db().$queryRaw<{ tokens: string | null }[]>(Prisma.sql`
      SELECT SUM("inputTokens" + "outputTokens")::text AS tokens FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "provider" = 'openai' AND "model" = ${capacityModel} AND "day" >= ${from}::date AND "day" < ${to}::date`);
    const served = Number(row?.tokens ?? 0);
    const hours = (to.getTime() - from.getTime()) / 3_600_000;
    const tpm = Math.max(1, Math.round(served / 0.35 / (hours * 60)));
    await db().provisionedCapacity.create({
      data: {
        organizationId,
        provider: "openai",
        model: capacityModel,
        name: `Scale tier: ${capacityModel}`,
        hourlyCostUsd: "0.12",
        capacityUnits: 1,
        tokensPerMinutePerUnit: tpm,
        ownerTeam: "platform",
        startsAt: from,
      },
    });
  }
}
