import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../api/errors";
import type { Actor } from "../auth/principal";
import { parseUsd, toDecimalString } from "../money";
import { writeAudit } from "../audit/write-audit";
import { diffLines, type LineDiff } from "./diff-lines";
import { checkReconciliationAlerts } from "./get-reconciliation";
import { BillingParseError, parseBillingFile, providerOfSource, type BillingSource, type ParsedLine } from "./parse-billing-file";
import { DAY_MS } from "../time";

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
};

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The account by name, created on first import; its provider must match the source's. */
export async function ensureAccount(organizationId: string, name: string, source: BillingSource) {
  const provider = providerOfSource(source) ?? "focus";
  const existing = await db().billingAccount.findUnique({ where: { organizationId_name: { organizationId, name } } });
  if (existing && existing.provider !== provider) {
    throw new AppError("conflict", `Account "${name}" holds ${existing.provider} billing; import ${source} into an account of its own.`);
  }
  return existing ?? db().billingAccount.create({ data: { organizationId, name, provider } });
}

function toParsed(r: {
  day: Date;
  provider: string;
  model: string;
  lineItem: string;
  kind: string;
  costUsd: Prisma.Decimal | null;
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
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedInputTokens: r.cachedInputTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    requests: r.requests,
  };
}

/**
 * Imports one file for (account, source). Idempotent per (account, source, period): the
 * period is the file's UTC days [first, last]; the stored lines of those days are replaced
 * by the file's in one transaction, and the import is recorded with the diff and audited.
 */
export async function importBillingFile(
  organizationId: string,
  input: { account: string; source: BillingSource; text: string; via: "upload" | "api" | "connector" },
  actor: Actor,
): Promise<ImportResult> {
  let lines: ParsedLine[];
  try {
    lines = parseBillingFile(input.source, input.text);
  } catch (e) {
    if (e instanceof BillingParseError) throw new AppError("validation_failed", `Cannot read the ${input.source} file: ${e.message}`);
    throw e;
  }
  if (!lines.length) throw new AppError("validation_failed", `The ${input.source} file has no lines: nothing to import.`);
  const account = await ensureAccount(organizationId, input.account, input.source);
  const first = lines[0].day;
  const last = lines.reduce((m, l) => (l.day > m ? l.day : m), first);
  const from = new Date(`${first}T00:00:00Z`);
  const to = new Date(`${nextDay(last)}T00:00:00Z`);
  const costPico = lines.reduce((s, l) => s + (l.costPico ?? 0n), 0n);

  const result = await db().$transaction(async (tx) => {
    const where = { organizationId, accountId: account.id, source: input.source, day: { gte: from, lt: to } };
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
        diff: JSON.parse(JSON.stringify(diff)) as Prisma.InputJsonValue,
        via: input.via,
        actorUserId: actor.userId ?? null,
        actorApiKeyId: actor.apiKeyId ?? null,
      },
    });
    if (!unchanged) {
      await tx.invoiceLine.deleteMany({ where });
      await tx.invoiceLine.createMany({
        data: lines.map((l) => ({
          organizationId,
          accountId: account.id,
          source: input.source,
          day: new Date(`${l.day}T00:00:00Z`),
          provider: l.provider,
          model: l.model,
          lineItem: l.lineItem,
          kind: l.kind,
          costUsd: l.costPico === null ? null : toDecimalString(l.costPico),
          inputTokens: l.inputTokens,
          outputTokens: l.outputTokens,
          cachedInputTokens: l.cachedInputTokens,
          cacheWriteTokens: l.cacheWriteTokens,
          requests: l.requests,
          importId: imp.id,
        })),
      });
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
    };
  });
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
};

export async function listImports(organizationId: string, limit = 50): Promise<ImportListItem[]> {
  const [rows, accounts] = await Promise.all([
    db().billingImport.findMany({ where: { organizationId }, orderBy: { importedAt: "desc" }, take: limit }),
    db().billingAccount.findMany({ where: { organizationId }, select: { id: true, name: true } }),
  ]);
  const name = new Map(accounts.map((a) => [a.id, a.name]));
  return rows.map((r) => {
    const d = r.diff as unknown as LineDiff;
    return {
      id: r.id,
      account: name.get(r.accountId) ?? r.accountId,
      source: r.source,
      period_start: r.periodStart.toISOString().slice(0, 10),
      period_end: new Date(r.periodEnd.getTime() - DAY_MS).toISOString().slice(0, 10),
      lines: r.lines,
      cost_usd: r.costUsd.toFixed(6),
      via: r.via,
      imported_at: r.importedAt.toISOString(),
      added: d.added,
      removed: d.removed,
      changed: d.changed,
      cost_delta_usd: d.cost_delta_usd,
    };
  });
}
