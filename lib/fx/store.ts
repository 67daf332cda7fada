import "server-only";
import { db, dbRead, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { toDecimalString } from "../money";
import { currencyCode, parseRate, RateTable, rateText, type CurrencyCode, type FxRate } from "./rates";
import { RateParseError, readRateFile, type RateFileFormat } from "./parse-rates";

/**
 * Rates and currency settings in the database (docs/decisions/047-currencies.md). Readers return
 * typed values (bigint rates, codes, days); the wire strings live in lib/api/contract/fx.ts.
 */

const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);
const rateOfRow = (r: { base: string; quote: string; day: Date; rate: Prisma.Decimal }): FxRate => ({
  base: r.base,
  quote: r.quote,
  day: r.day.toISOString().slice(0, 10),
  rate: parseRate(r.rate.toFixed()),
});

/**
 * The organisation's rates as a table for conversions up to `to` (exclusive): every rate of
 * the period, plus for each pair the latest one before `from` (the rate still in force on the
 * period's first days).
 */
export async function loadRateTable(organizationId: string, from: Date, to: Date): Promise<RateTable> {
  const rows = await dbRead().$queryRaw<{ base: string; quote: string; day: Date; rate: Prisma.Decimal }[]>(Prisma.sql`
    SELECT "base", "quote", "day", "rate" FROM "FxRate"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
    UNION ALL
    (SELECT DISTINCT ON ("base", "quote") "base", "quote", "day", "rate" FROM "FxRate"
     WHERE "organizationId" = ${organizationId} AND "day" < ${from}::date
     ORDER BY "base", "quote", "day" DESC)`);
  return new RateTable(rows.map(rateOfRow));
}

export type StoredRate = FxRate & { source: string; updatedAt: Date };

/** The latest rates (newest day first), optionally of one pair; bounded. */
export async function listRates(
  organizationId: string,
  q: { base?: CurrencyCode; quote?: CurrencyCode; limit?: number } = {},
): Promise<{ rates: StoredRate[]; total: number; pairs: { base: string; quote: string; first: string; last: string; days: number }[] }> {
  const where = { organizationId, ...(q.base ? { base: q.base } : {}), ...(q.quote ? { quote: q.quote } : {}) };
  const [rows, total, pairs] = await Promise.all([
    dbRead().fxRate.findMany({ where, orderBy: [{ day: "desc" }, { base: "asc" }, { quote: "asc" }], take: q.limit ?? 100 }),
    dbRead().fxRate.count({ where }),
    dbRead().$queryRaw<{ base: string; quote: string; first: Date; last: Date; days: bigint }[]>(Prisma.sql`
      SELECT "base", "quote", MIN("day") AS first, MAX("day") AS last, COUNT(*)::bigint AS days FROM "FxRate"
      WHERE "organizationId" = ${organizationId} GROUP BY "base", "quote" ORDER BY "base", "quote" LIMIT 200`),
  ]);
  return {
    rates: rows.map((r) => ({ ...rateOfRow(r), source: r.source, updatedAt: r.updatedAt })),
    total,
    pairs: pairs.map((p) => ({
      base: p.base,
      quote: p.quote,
      first: p.first.toISOString().slice(0, 10),
      last: p.last.toISOString().slice(0, 10),
      days: Number(p.days),
    })),
  };
}

const UPSERT_BATCH = 5_000;

async function upsertRates(tx: Prisma.TransactionClient, organizationId: string, rates: FxRate[], source: string) {
  for (let at = 0; at < rates.length; at += UPSERT_BATCH) {
    const part = rates.slice(at, at + UPSERT_BATCH);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "FxRate" ("organizationId", "base", "quote", "day", "rate", "source", "updatedAt")
      SELECT ${organizationId}, u.base, u.quote, u.day::date, u.rate::numeric, ${source}, now()
      FROM UNNEST(${part.map((r) => r.base)}::text[], ${part.map((r) => r.quote)}::text[], ${part.map((r) => r.day)}::text[],
                  ${part.map((r) => toDecimalString(r.rate))}::text[]) AS u(base, quote, day, rate)
      ON CONFLICT ("organizationId", "base", "quote", "day")
      DO UPDATE SET "rate" = EXCLUDED."rate", "source" = EXCLUDED."source", "updatedAt" = now()`);
  }
}

export type RateImportResult = {
  format: RateFileFormat;
  rates: number;
  pairs: string[];
  first: string;
  last: string;
};

/** Imports a rate file (replacing the rates of the days it holds), audited. */
export async function importRates(
  organizationId: string,
  input: { text: string; base?: CurrencyCode; only?: CurrencyCode[] },
  actor: Actor,
): Promise<RateImportResult> {
  let parsed: ReturnType<typeof readRateFile>;
  try {
    parsed = readRateFile(input.text, input.base ?? "EUR");
  } catch (e) {
    if (e instanceof RateParseError) throw new AppError("validation_failed", `Cannot read the rate file: ${e.message}`);
    throw e;
  }
  const only = input.only?.length ? new Set(input.only) : null;
  const rates = only ? parsed.rates.filter((r) => only.has(r.quote) || only.has(r.base)) : parsed.rates;
  if (!rates.length) throw new AppError("validation_failed", `The file has no rates for ${[...(only ?? [])].join(", ")}.`);
  const days = rates.map((r) => r.day).sort();
  const pairs = [...new Set(rates.map((r) => `${r.base}/${r.quote}`))].sort();
  const result = { format: parsed.format, rates: rates.length, pairs, first: days[0], last: days[days.length - 1] };
  await db().$transaction(
    async (tx) => {
      await upsertRates(tx, organizationId, rates, parsed.format);
      await writeAudit(
        { organizationId, actor, action: "fx.rates_import", targetType: "fx_rates", targetId: pairs.slice(0, 5).join(","), after: result },
        tx,
      );
    },
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
  return result;
}

/** Enters (or corrects) one rate by hand, audited with the rate it replaced. */
export async function enterRate(organizationId: string, rate: FxRate, actor: Actor): Promise<StoredRate> {
  if (rate.base === rate.quote) throw new AppError("validation_failed", `A rate of ${rate.base} against itself is always 1.`);
  const key = { organizationId_base_quote_day: { organizationId, base: rate.base, quote: rate.quote, day: dayDate(rate.day) } };
  const before = await db().fxRate.findUnique({ where: key });
  const row = await db().fxRate.upsert({
    where: key,
    create: {
      organizationId,
      base: rate.base,
      quote: rate.quote,
      day: dayDate(rate.day),
      rate: toDecimalString(rate.rate),
      source: "manual",
    },
    update: { rate: toDecimalString(rate.rate), source: "manual", updatedAt: new Date() },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "fx.rate_enter",
    targetType: "fx_rate",
    targetId: `${rate.base}/${rate.quote}/${rate.day}`,
    before: before ? { rate: rateText(parseRate(before.rate.toFixed())), source: before.source } : null,
    after: { rate: rateText(rate.rate), source: "manual" },
  });
  return { ...rateOfRow(row), source: row.source, updatedAt: row.updatedAt };
}

export async function deleteRate(
  organizationId: string,
  key: { base: string; quote: string; day: string },
  actor: Actor,
): Promise<boolean> {
  const where = { organizationId, base: key.base, quote: key.quote, day: dayDate(key.day) };
  const before = await db().fxRate.findFirst({ where });
  if (!before) return false;
  await db().fxRate.deleteMany({ where });
  await writeAudit({
    organizationId,
    actor,
    action: "fx.rate_delete",
    targetType: "fx_rate",
    targetId: `${key.base}/${key.quote}/${key.day}`,
    before: { rate: rateText(parseRate(before.rate.toFixed())), source: before.source },
  });
  return true;
}

export type CurrencySettings = {
  reportingCurrency: CurrencyCode;
  accounts: { name: string; provider: string; currency: CurrencyCode }[];
};

export async function readReportingCurrency(organizationId: string): Promise<CurrencyCode> {
  const org = await dbRead().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { reportingCurrency: true } });
  return org.reportingCurrency;
}

export async function readCurrencySettings(organizationId: string): Promise<CurrencySettings> {
  const [reportingCurrency, accounts] = await Promise.all([
    readReportingCurrency(organizationId),
    dbRead().billingAccount.findMany({
      where: { organizationId },
      select: { name: true, provider: true, currency: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return { reportingCurrency, accounts };
}

function code(text: string, what: string): CurrencyCode {
  const c = currencyCode(text);
  if (!c) throw new AppError("validation_failed", `${what}: "${text}" is not an ISO 4217 currency code (e.g. EUR).`);
  return c;
}

/** Sets the reporting currency (audited). Months already closed keep the figures they froze. */
export async function setReportingCurrency(organizationId: string, currency: string, actor: Actor): Promise<CurrencySettings> {
  const next = code(currency, "reporting currency");
  const before = await readReportingCurrency(organizationId);
  await db().organization.update({ where: { id: organizationId }, data: { reportingCurrency: next } });
  await writeAudit({
    organizationId,
    actor,
    action: "settings.reporting_currency",
    targetType: "organization",
    targetId: organizationId,
    before: { reporting_currency: before },
    after: { reporting_currency: next },
  });
  return readCurrencySettings(organizationId);
}

/**
 * Sets a billing account's currency (audited), creating the account when `provider` is given
 * and it does not exist yet (so that its first invoice, in that currency, can be imported).
 * Refused while the account holds imported lines in another currency: amounts are never
 * silently relabelled; import the invoices into a new account billed in the new currency.
 */
export async function setAccountCurrency(
  organizationId: string,
  account: string,
  input: { currency: string; provider?: "openai" | "anthropic" | "focus" },
  actor: Actor,
): Promise<CurrencySettings> {
  const next = code(input.currency, "billing currency");
  let acc = await db().billingAccount.findUnique({ where: { organizationId_name: { organizationId, name: account } } });
  if (!acc && input.provider) {
    acc = await db().billingAccount.create({ data: { organizationId, name: account, provider: input.provider, currency: next } });
    await writeAudit({
      organizationId,
      actor,
      action: "billing.account_create",
      targetType: "billing_account",
      targetId: acc.id,
      after: { account, provider: input.provider, currency: next },
    });
    return readCurrencySettings(organizationId);
  }
  if (!acc)
    throw new AppError("not_found", `No billing account "${account}": name its provider to create it, or import its first invoice.`);
  if (acc.currency !== next) {
    const held = await db().invoiceLine.findFirst({
      where: { organizationId, accountId: acc.id, currency: { not: next } },
      select: { currency: true },
    });
    if (held)
      throw new AppError(
        "conflict",
        `Account "${account}" holds invoice lines in ${held.currency}: its currency cannot change under them. Import its invoices into a new account billed in ${next}.`,
      );
  }
  await db().billingAccount.update({
    where: { organizationId_id: { organizationId: organizationId, id: acc.id } },
    data: { currency: next },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "billing.account_currency",
    targetType: "billing_account",
    targetId: acc.id,
    before: { account, currency: acc.currency },
    after: { account, currency: next },
  });
  return readCurrencySettings(organizationId);
}
