import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { parseUsd, toDecimalString } from "../money";
import { writeAudit } from "../audit/write-audit";
import { diffLines, type LineDiff } from "./diff-lines";
import { checkReconciliationAlerts } from "./get-reconciliation";
import {
  BillingParseError,
  readBillingFile,
  providerOfSource,
  type BillingPeriod,
  type BillingSource,
  type ParsedLine,
} from "./parse-billing-file";
import { DAY_MS } from "../time";
import { importListItem } from "../imports/keyed-import";
import { USD } from "../fx/rates";

export type ImportResult = {
  import_id: string;
  account: string;
  source: BillingSource;
  period_start: string;
  period_end: string;
  lines: number;
  cost_usd: string;
  unchanged: boolean;
  diff: LineDiff;
  /** present when the account is billed in another currency than USD: cost_usd and the diff are then in it */
  currency?: string;
};

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

type AccountClient = Pick<Prisma.TransactionClient, "billingAccount">;

/** The account by name, created on first import (inside the import's transaction); its provider must match the source's. */
export async function ensureAccount(organizationId: string, name: string, source: BillingSource, client: AccountClient = db()) {
  const provider = providerOfSource(source) ?? "focus";
  const acc = await client.billingAccount.upsert({
    where: { organizationId_name: { organizationId, name } },
    create: { organizationId, name, provider },
    update: {},
  });
  if (acc.provider !== provider) {
    throw new AppError("conflict", `Account "${name}" holds ${acc.provider} billing; import ${source} into an account of its own.`);
  }
  return acc;
}

/** Progress of a running import (import-progress.ts stores it for the page to poll). Never awaited. */
export type ImportProgress = (p: { phase: "comparing" | "writing"; processed: number; total: number }) => void;

/** Lines written per statement: one INSERT … SELECT FROM UNNEST of arrays per batch. */
const INSERT_BATCH = 5_000;
/** A year of daily lines per project is ~100,000 lines: far beyond Prisma's 5 s default. */
const IMPORT_TX_TIMEOUT_MS = 10 * 60_000;

function insertLinesSql(
  organizationId: string,
  accountId: string,
  source: string,
  importId: string,
  currency: string,
  lines: ParsedLine[],
) {
  const col = <T>(f: (l: ParsedLine) => T) => lines.map(f);
  return Prisma.sql`
    INSERT INTO "InvoiceLine" ("organizationId", "accountId", "source", "day", "provider", "model", "lineItem", "kind", "costUsd",
      "currency", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "requests", "importId")
    SELECT ${organizationId}, ${accountId}, ${source}, u.day::date, u.provider, u.model, u.line_item, u.kind, u.cost::numeric,
      ${currency}, u.input::bigint, u.output::bigint, u.cached::bigint, u.cache_write::bigint, u.requests::bigint, ${importId}
    FROM UNNEST(
      ${col((l) => l.day)}::text[], ${col((l) => l.provider)}::text[], ${col((l) => l.model)}::text[],
      ${col((l) => l.lineItem)}::text[], ${col((l) => l.kind)}::text[],
      ${col((l) => (l.costPico === null ? null : toDecimalString(l.costPico)))}::text[],
      ${col((l) => l.inputTokens.toString())}::text[], ${col((l) => l.outputTokens.toString())}::text[],
      ${col((l) => l.cachedInputTokens.toString())}::text[], ${col((l) => l.cacheWriteTokens.toString())}::text[],
      ${col((l) => l.requests.toString())}::text[]
    ) AS u(day, provider, model, line_item, kind, cost, input, output, cached, cache_write, requests)`;
}

function toParsed(r: {
  day: Date;
  provider: string;
  model: string;
  lineItem: string;
  kind: string;
  costUsd: Prisma.Decimal | null;
  currency: string;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  requests: bigint;
}): ParsedLine {
  return {
    day: r.day.toISOString().slice(0, 10),
    provider: r.provider,
    model: r.model,
    lineItem: r.lineItem,
    kind: r.kind as ParsedLine["kind"],
    costPico: r.costUsd === null ? null : parseUsd(r.costUsd.toString()),
    currency: r.currency,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedInputTokens: r.cachedInputTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    requests: r.requests,
  };
}

/**
 * Imports one file for (account, source). Idempotent per (account, source, period): the
 * period is the UTC days [first, last] the file reports on (its buckets); the stored lines of those days are replaced
 * by the file's in one transaction, and the import is recorded with the diff and audited.
 */
export async function importBillingFile(
  organizationId: string,
  input: { account: string; source: BillingSource; text: string; via: "upload" | "api" | "connector" },
  actor: Actor,
  progress: ImportProgress = () => {},
): Promise<ImportResult> {
  let lines: ParsedLine[];
  let period: BillingPeriod | null;
  // the account's billing currency (USD for an account created by this import): the file must be in it
  const known = await db().billingAccount.findUnique({
    where: { organizationId_name: { organizationId, name: input.account } },
    select: { currency: true },
  });
  const currency = known?.currency ?? USD;
  try {
    ({ lines, period } = readBillingFile(input.source, input.text, currency));
  } catch (e) {
    if (e instanceof BillingParseError) throw new AppError("validation_failed", `Cannot read the ${input.source} file: ${e.message}`);
    throw e;
  }
  if (!lines.length) throw new AppError("validation_failed", `The ${input.source} file has no lines: nothing to import.`);
  // the period is what the file reports on (its buckets), so a day that billed nothing still
  // counts as covered; the lines can only widen it
  const lineFirst = lines[0].day;
  const lineLast = lines.reduce((m, l) => (l.day > m ? l.day : m), lineFirst);
  const first = period && period.first < lineFirst ? period.first : lineFirst;
  const last = period && period.last > lineLast ? period.last : lineLast;
  const from = new Date(`${first}T00:00:00Z`);
  const to = new Date(`${nextDay(last)}T00:00:00Z`);
  const costPico = lines.reduce((s, l) => s + (l.costPico ?? 0n), 0n);

  // all or nothing: the account (on first import), the import record, the lines and the audit
  // entry commit together; a failure leaves no trace (no orphan account)
  const result = await db().$transaction(
    async (tx) => {
      const account = await ensureAccount(organizationId, input.account, input.source, tx);
      const where = { organizationId, accountId: account.id, source: input.source, day: { gte: from, lt: to } };
      progress({ phase: "comparing", processed: 0, total: lines.length });
      const before = (await tx.invoiceLine.findMany({ where })).map(toParsed);
      const diff = diffLines(before, lines);
      const unchanged = diff.added + diff.removed + diff.changed === 0;
      const imp = await tx.billingImport.create({
        data: {
          organizationId,
          accountId: account.id,
          source: input.source,
          periodStart: from,
          periodEnd: to,
          lines: lines.length,
          costUsd: toDecimalString(costPico),
          currency,
          diff: JSON.parse(JSON.stringify(diff)) as Prisma.InputJsonValue,
          via: input.via,
          actorUserId: actor.userId ?? null,
          actorApiKeyId: actor.apiKeyId ?? null,
        },
      });
      if (!unchanged) {
        await tx.invoiceLine.deleteMany({ where });
        for (let at = 0; at < lines.length; at += INSERT_BATCH) {
          progress({ phase: "writing", processed: at, total: lines.length });
          await tx.$executeRaw(
            insertLinesSql(organizationId, account.id, input.source, imp.id, currency, lines.slice(at, at + INSERT_BATCH)),
          );
        }
      }
      await writeAudit(
        {
          organizationId,
          actor,
          action: "billing.import",
          targetType: "billing_account",
          targetId: account.id,
          after: {
            account: account.name,
            source: input.source,
            period: [first, last],
            via: input.via,
            unchanged,
            ...(currency !== USD ? { currency } : {}),
            diff: { ...diff, items: diff.items.slice(0, 20) },
          },
        },
        tx,
      );
      return {
        import_id: imp.id,
        account: account.name,
        source: input.source,
        period_start: first,
        period_end: last,
        lines: lines.length,
        cost_usd: toDecimalString(costPico),
        unchanged,
        diff,
        ...(currency !== USD ? { currency } : {}),
      };
    },
    { timeout: IMPORT_TX_TIMEOUT_MS, maxWait: 30_000 },
  );
  // a gap over the threshold alerts when the invoice arrives, not when someone opens the page
  if (!result.unchanged) {
    const months = [...new Set(lines.map((l) => l.day.slice(0, 7)))];
    await checkReconciliationAlerts(organizationId, months).catch((e) => console.error("reconciliation alerts:", e));
  }
  return result;
}

export type ImportListItem = {
  id: string;
  account: string;
  source: string;
  period_start: string;
  period_end: string;
  lines: number;
  cost_usd: string;
  via: string;
  imported_at: string;
  added: number;
  removed: number;
  changed: number;
  cost_delta_usd: string;
  /** present when not USD: cost_usd and cost_delta_usd are then in it */
  currency?: string;
};

export async function listImports(organizationId: string, limit = 50): Promise<ImportListItem[]> {
  const [rows, accounts] = await Promise.all([
    db().billingImport.findMany({ where: { organizationId }, orderBy: { importedAt: "desc" }, take: limit }),
    db().billingAccount.findMany({ where: { organizationId }, select: { id: true, name: true } }),
  ]);
  const name = new Map(accounts.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    ...importListItem(r, name.get(r.accountId) ?? r.accountId, r.costUsd.toFixed(6), r.diff as unknown as LineDiff),
    ...(r.currency !== USD ? { currency: r.currency } : {}),
  }));
}
