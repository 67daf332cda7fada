import "server-only";
import { dbRead, Prisma } from "../db";
import { parseUsd } from "../money";
import { monthRange, DAY_MS } from "../time";
import { csvFromTable } from "../csv/to-csv";
import { getRates } from "../pricing/catalog-rates";
import { readChargeback } from "./get-chargeback";
import { buildFocusRows, FOCUS_COLUMNS, FOCUS_VERSION, focusColumns, providerNames, type FocusRow, type FocusUsageKey } from "./focus-rows";
import type { FocusVersion } from "./focus-conformance";
import { CONTRACT_COMMITMENT_COLUMNS, contractCommitmentRows } from "./focus-contract-commitment";

export { FOCUS_COLUMNS, FOCUS_VERSION };

/**
 * FOCUS 1.3 (or, on request, 1.2) export of a month (docs/metrics.md; rows and rounding in focus-rows.ts): usage
 * from the daily rollups, shared-cost allocations and the invoice true-up from the chargeback,
 * InvoiceId from the provider invoices imported for the month (lib/billing).
 */
export async function focusRows(organizationId: string, month: string, version: FocusVersion = FOCUS_VERSION): Promise<FocusRow[]> {
  const { from, to } = monthRange(month);
  const [org, usage, report, fixed, invoices] = await Promise.all([
    dbRead().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } }),
    dbRead().$queryRaw<
      (FocusUsageKey & {
        events: number;
        input: string;
        output: string;
        cached: string;
        write: string;
        reasoning: string;
        cost: string;
        catalog: string;
      })[]
    >(Prisma.sql`
      SELECT "day", "feature", "team", "tier", "model", "environment", "provider", "events",
             "inputTokens"::text AS input, "outputTokens"::text AS output, "cachedInputTokens"::text AS cached,
             "cacheWriteTokens"::text AS write, "reasoningTokens"::text AS reasoning,
             "costUsd"::text AS cost, "catalogCostUsd"::text AS catalog
      FROM "DailyRollup"
      WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
      -- the whole key: rows that tie on fewer columns came out in physical order, which differs between databases
      ORDER BY "day", "feature", "team", "model", "tier", "environment"`),
    readChargeback(organizationId, month),
    dbRead().fixedCost.findMany({
      where: { organizationId, periodStart: { lt: to }, periodEnd: { gt: from } },
      select: { id: true, periodStart: true, periodEnd: true },
    }),
    dbRead().$queryRaw<{ provider: string; account: string }[]>(Prisma.sql`
      SELECT DISTINCT l."provider", a."name" AS account FROM "InvoiceLine" l JOIN "BillingAccount" a ON a."id" = l."accountId"
      WHERE l."organizationId" = ${organizationId} AND l."day" >= ${from}::date AND l."day" < ${to}::date AND l."costUsd" IS NOT NULL
      ORDER BY 1, 2`),
  ]);
  const monthDays = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  const daysInMonth = new Map<string, number>(
    fixed.map((f) => [
      f.id,
      Math.round((Math.min(f.periodEnd.getTime(), to.getTime()) - Math.max(f.periodStart.getTime(), from.getTime())) / DAY_MS),
    ]),
  );
  for (const a of report.allocations) if (!daysInMonth.has(a.fixedCostId)) daysInMonth.set(a.fixedCostId, monthDays);
  const invoiceIds = new Map<string, string>();
  for (const i of invoices)
    invoiceIds.set(
      i.provider,
      invoiceIds.has(i.provider) ? `${invoiceIds.get(i.provider)} ${i.account}:${month}` : `${i.account}:${month}`,
    );
  return buildFocusRows({
    version,
    organizationId,
    organizationName: org.name,
    month,
    from,
    to,
    usage: usage.map(({ day, input, output, cached, write, reasoning, cost, catalog, ...dims }) => ({
      ...dims,
      day: new Date(day),
      input: BigInt(input),
      output: BigInt(output),
      cached: BigInt(cached),
      cacheWrite: BigInt(write),
      reasoning: BigInt(reasoning),
      costPico: parseUsd(cost),
      catalogPico: parseUsd(catalog),
    })),
    report,
    daysInMonth,
    invoiceIds,
    rates: (provider, model, day) => {
      const r = getRates(provider || null, model, day);
      return r ? { input: r.inputPerMTok, output: r.outputPerMTok } : null;
    },
  });
}

export async function focusCsv(organizationId: string, month: string, version: FocusVersion = FOCUS_VERSION): Promise<string> {
  const rows = await focusRows(organizationId, month, version);
  const columns = focusColumns(version);
  return csvFromTable(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

/** FOCUS metadata (specification/metadata): the version the file follows and its columns. */
export function focusMetadata(version: FocusVersion = FOCUS_VERSION) {
  return {
    FocusVersion: version,
    DataGenerator: "Spendline",
    Schema: focusColumns(version).map((c) => ({
      ColumnName: c,
      DataType: /Cost$|Quantity$|Tokens$/.test(c)
        ? "Decimal"
        : /Period(Start|End)$/.test(c)
          ? "DateTime"
          : c === "SkuPriceDetails"
            ? "JSON"
            : "String",
      ...(c.startsWith("x_") ? { ProviderDefined: true } : {}),
    })),
  };
}

/** FOCUS 1.3 ContractCommitment dataset of a month: the commitments in force (lib/billing contracts). */
export async function contractCommitmentCsv(organizationId: string, month: string): Promise<string> {
  const { from, to } = monthRange(month);
  const commitments = await dbRead().commitment.findMany({
    where: { organizationId, periodStart: { lt: to }, periodEnd: { gt: from } },
    orderBy: [{ periodStart: "asc" }, { id: "asc" }],
  });
  const rows = contractCommitmentRows({
    month,
    from,
    to,
    commitments: commitments.map((c) => ({
      id: c.id,
      provider: c.provider,
      providerName: providerNames(c.provider).name,
      name: c.name,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      monthlyFloorUsd: c.monthlyFloorUsd.toString(),
      discount: c.discount.toString(),
    })),
  });
  return csvFromTable(
    CONTRACT_COMMITMENT_COLUMNS,
    rows.map((r) => CONTRACT_COMMITMENT_COLUMNS.map((c) => r[c])),
  );
}
