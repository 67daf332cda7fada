import "server-only";
import { db, type Prisma } from "../db";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { DAY_MS } from "../time";

/**
 * The shape every file import shares (coding agents, shadow AI; billing invoices would adopt it
 * too — see the note at the end): idempotent per (account, source, period). The period is the
 * file's UTC days [first, last]; in one transaction the stored lines of those days are read and
 * diffed against the file's, the import is recorded with its diff, the stored lines are replaced
 * only when something changed, and one audit entry says what happened.
 *
 * Billing (lib/billing, owned by the fx branch now) repeats the same steps for invoices; to adopt
 * it, its import passes its invoice-line diff/record/replace as the three callbacks here and keeps
 * its own parsing and reconciliation outside.
 */
export type ImportCounts = { added: number; removed: number; changed: number };

export type ImportWhere = { organizationId: string; account: string; source: string; day: { gte: Date; lt: Date } };

/** The columns every import table shares. */
export type ImportRow = {
  organizationId: string;
  account: string;
  source: string;
  periodStart: Date;
  periodEnd: Date;
  lines: number;
  diff: Prisma.InputJsonValue;
  via: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
};
/** The columns every imported line shares. */
export type LineKey = { organizationId: string; account: string; source: string; importId: string };

export type KeyedPeriod = { first: string; last: string; from: Date; to: Date };

/** The UTC days a file covers: its first and last day (or `last` when given, e.g. a seat month's end). */
export function periodOfDays(days: readonly string[], last?: string): KeyedPeriod {
  const first = days.reduce((m, d) => (d < m ? d : m), days[0]);
  const end = last ?? days.reduce((m, d) => (d > m ? d : m), first);
  return { first, last: end, from: new Date(`${first}T00:00:00Z`), to: new Date(Date.parse(`${end}T00:00:00Z`) + DAY_MS) };
}

export async function runKeyedImport<D extends ImportCounts>(spec: {
  organizationId: string;
  actor: Actor;
  account: string;
  source: string;
  period: KeyedPeriod;
  /** the stored lines of the period against the file's */
  diff: (tx: Prisma.TransactionClient, where: ImportWhere) => Promise<D>;
  /** how the file came (the import row's `via`) */
  via: string;
  /** the file's line count (the import row's `lines`) */
  lines: number;
  /** records the import: `row` holds the columns every import table shares (with the diff); returns its id */
  record: (tx: Prisma.TransactionClient, row: ImportRow, diff: D) => Promise<{ id: string }>;
  /** replaces the period's stored lines by the file's (only called when something changed); `line` holds the shared columns */
  replace: (tx: Prisma.TransactionClient, where: ImportWhere, line: LineKey) => Promise<void>;
  audit: { action: string; targetType: string; extra?: Record<string, unknown>; diff?: (d: D) => unknown };
}): Promise<{ importId: string; diff: D; unchanged: boolean }> {
  const { organizationId, account, source, period } = spec;
  return db().$transaction(async (tx) => {
    const where: ImportWhere = { organizationId, account, source, day: { gte: period.from, lt: period.to } };
    const diff = await spec.diff(tx, where);
    const unchanged = diff.added + diff.removed + diff.changed === 0;
    const row: ImportRow = {
      organizationId,
      account,
      source,
      periodStart: period.from,
      periodEnd: period.to,
      lines: spec.lines,
      diff: JSON.parse(JSON.stringify(diff)) as Prisma.InputJsonValue,
      via: spec.via,
      actorUserId: spec.actor.userId ?? null,
      actorApiKeyId: spec.actor.apiKeyId ?? null,
    };
    const imp = await spec.record(tx, row, diff);
    if (!unchanged) await spec.replace(tx, where, { organizationId, account, source, importId: imp.id });
    await writeAudit(
      {
        organizationId,
        actor: spec.actor,
        action: spec.audit.action,
        targetType: spec.audit.targetType,
        targetId: account,
        after: {
          account,
          source,
          period: [period.first, period.last],
          ...spec.audit.extra,
          unchanged,
          diff: spec.audit.diff ? spec.audit.diff(diff) : diff,
        },
      },
      tx,
    );
    return { importId: imp.id, diff, unchanged };
  });
}

/**
 * The answer of an import, the same for every importer: which import, of what, over which
 * days, how many lines, whether anything changed and the diff; the importer's own total
 * (`cost_usd`, `amount_usd`) stands before `unchanged` and its notes (`unmapped_people`) after.
 */
export function keyedImportAnswer<S extends string, D, T extends object, N extends object = Record<never, never>>(
  file: { account: string; source: S; period: KeyedPeriod; lines: number },
  outcome: { importId: string; diff: D; unchanged: boolean },
  totals: T,
  notes?: N,
) {
  return {
    import_id: outcome.importId,
    account: file.account,
    source: file.source,
    period_start: file.period.first,
    period_end: file.period.last,
    lines: file.lines,
    ...totals,
    unchanged: outcome.unchanged,
    ...(notes as N),
    diff: outcome.diff,
  };
}

/** One row of an importer's list of imports (billing invoices, coding-agent usage): the import row and its stored diff. */
export function importListItem(
  row: { id: string; source: string; periodStart: Date; periodEnd: Date; lines: number; via: string; importedAt: Date },
  account: string,
  costUsd: string,
  diff: ImportCounts & { cost_delta_usd: string },
) {
  return {
    id: row.id,
    account,
    source: row.source,
    period_start: row.periodStart.toISOString().slice(0, 10),
    // periodEnd is exclusive (the day after the last)
    period_end: new Date(row.periodEnd.getTime() - DAY_MS).toISOString().slice(0, 10),
    lines: row.lines,
    cost_usd: costUsd,
    via: row.via,
    imported_at: row.importedAt.toISOString(),
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed,
    cost_delta_usd: diff.cost_delta_usd,
  };
}
