import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { keyedImportAnswer, periodOfDays, runKeyedImport } from "../imports/keyed-import";
import { formatUsd6, parseUsd, toDecimalString, type Pico } from "../money";
import { DAY_MS, monthRange, previousMonth } from "../time";
import { matchLine, rulesFor, type Rule } from "./match";
import {
  ExpenseParseError,
  parseExpenses,
  parseFocusMarketplace,
  type ColumnMapping,
  type ShadowSource,
  type SpendLine,
} from "./parse-expenses";

const key = (l: Pick<SpendLine, "day" | "rowKey">) => `${l.day}|${l.rowKey}`;

/** Imports one expense/card/FOCUS file. Idempotent per (account, source, period); audited with the diff. */
export async function importShadowFile(
  organizationId: string,
  input: { account: string; source: ShadowSource; text: string; mapping?: ColumnMapping; via: "upload" | "api" },
  actor: Actor,
) {
  let lines: SpendLine[];
  try {
    lines = input.source === "focus" ? parseFocusMarketplace(input.text) : parseExpenses(input.text, input.mapping).lines;
  } catch (e) {
    if (e instanceof ExpenseParseError) throw new AppError("validation_failed", `Cannot read the ${input.source} file: ${e.message}`);
    throw e;
  }
  if (!lines.length)
    throw new AppError(
      "validation_failed",
      `The ${input.source} file has no rows${input.source === "focus" ? " with a marketplace publisher" : ""}: nothing to import.`,
    );
  const period = periodOfDays(lines.map((l) => l.day));
  const total = lines.reduce((s, l) => s + l.amountPico, 0n);
  const outcome = await runKeyedImport({
    organizationId,
    actor,
    account: input.account,
    source: input.source,
    period,
    diff: async (tx, where) => {
      const before = await tx.shadowSpendLine.findMany({ where, select: { day: true, rowKey: true, amountUsd: true } });
      const old = new Set(before.map((b) => key({ day: b.day.toISOString().slice(0, 10), rowKey: b.rowKey })));
      const now = new Set(lines.map(key));
      const added = lines.filter((l) => !old.has(key(l))).length;
      const removed = [...old].filter((k) => !now.has(k)).length;
      const oldTotal = before.reduce((s, b) => s + parseUsd(b.amountUsd.toString()), 0n);
      return { added, removed, changed: 0, unchanged: lines.length - added, amount_delta_usd: toDecimalString(total - oldTotal) };
    },
    via: input.via,
    lines: lines.length,
    record: (tx, row) => tx.shadowImport.create({ data: { ...row, amountUsd: toDecimalString(total) } }),
    replace: async (tx, where, shared) => {
      await tx.shadowSpendLine.deleteMany({ where });
      await tx.shadowSpendLine.createMany({
        data: lines.map((l) => ({
          ...shared,
          day: new Date(`${l.day}T00:00:00Z`),
          rowKey: l.rowKey,
          merchant: l.merchant.slice(0, 300),
          description: l.description.slice(0, 500),
          amountUsd: toDecimalString(l.amountPico),
          currency: l.currency,
          employee: l.employee,
          department: l.department,
        })),
      });
    },
    audit: { action: "shadow_ai.import", targetType: "shadow_account" },
  });
  const file = { account: input.account, source: input.source, period, lines: lines.length };
  return keyedImportAnswer(file, outcome, { amount_usd: toDecimalString(total) });
}

export async function listRules(organizationId: string) {
  const rows = await db().shadowRule.findMany({ where: { organizationId, deletedAt: null }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    pattern: r.pattern,
    vendor: r.vendor,
    product: r.product,
    sanctioned: r.sanctioned,
    ignore: r.ignore,
    seat_usd: r.seatUsd?.toFixed(6) ?? null,
    note: r.note,
  }));
}

export async function saveRule(
  organizationId: string,
  input: {
    pattern: string;
    vendor: string;
    product?: string;
    sanctioned?: boolean;
    ignore?: boolean;
    seat_usd?: string | null;
    note?: string;
  },
  actor: Actor,
) {
  const r = await db().shadowRule.create({
    data: {
      organizationId,
      pattern: input.pattern,
      vendor: input.vendor,
      product: input.product ?? "",
      sanctioned: input.sanctioned ?? false,
      ignore: input.ignore ?? false,
      seatUsd: input.seat_usd ?? null,
      note: input.note ?? "",
    },
  });
  await writeAudit({ organizationId, actor, action: "shadow_ai.rule.create", targetType: "shadow_rule", targetId: r.id, after: input });
  return (await listRules(organizationId)).find((x) => x.id === r.id)!;
}

export async function deleteRule(organizationId: string, id: string, actor: Actor) {
  const r = await db().shadowRule.findFirst({ where: { id, organizationId, deletedAt: null } });
  if (!r) throw new AppError("not_found", "No such rule (it may have been deleted already).");
  await db().shadowRule.update({
    where: { organizationId_id: { organizationId: organizationId, id: id } },
    data: { deletedAt: new Date() },
  });
  await writeAudit({
    organizationId,
    actor,
    action: "shadow_ai.rule.delete",
    targetType: "shadow_rule",
    targetId: id,
    before: { pattern: r.pattern, vendor: r.vendor, sanctioned: r.sanctioned },
  });
  return { deleted: id };
}

const usd = formatUsd6;
const monthsBack = (month: string, n: number) => {
  const out = [month];
  while (out.length < n) out.unshift(previousMonth(out[0]));
  return out;
};

/**
 * The shadow-AI report for a month: AI spend found on expenses, cards and marketplace lines,
 * unsanctioned by department and person, recurring (the same person and vendor in ≥ 2 of the last
 * 3 months) vs one-off, a six-month trend, and what the unsanctioned users would cost under the
 * sanctioned contract (seat price × people). Amounts in other currencies are counted apart, never converted.
 */
export async function getShadowAi(organizationId: string, month: string) {
  const months = monthsBack(month, 6);
  const from = monthRange(months[0]).from;
  const to = monthRange(month).to;
  const [rows, orgRules, lastImport] = await Promise.all([
    db().shadowSpendLine.findMany({ where: { organizationId, day: { gte: from, lt: to } }, orderBy: [{ day: "asc" }] }),
    db().shadowRule.findMany({ where: { organizationId, deletedAt: null } }),
    db().shadowImport.findFirst({ where: { organizationId }, orderBy: { importedAt: "desc" } }),
  ]);
  const rules: Rule[] = rulesFor(
    orgRules.map((r) => ({
      id: r.id,
      pattern: r.pattern,
      vendor: r.vendor,
      product: r.product,
      sanctioned: r.sanctioned,
      ignore: r.ignore,
    })),
  );
  const seatOf = new Map(orgRules.filter((r) => r.sanctioned && r.seatUsd).map((r) => [r.vendor, parseUsd(r.seatUsd!.toString())]));
  const matched = rows
    .map((r) => ({
      r,
      m: matchLine({ merchant: r.merchant, description: r.description }, rules),
      mo: r.day.toISOString().slice(0, 7),
      amount: parseUsd(r.amountUsd.toString()),
    }))
    .filter((x) => x.m !== null);
  const usdRows = matched.filter((x) => x.r.currency === "USD");
  const recent3 = new Set(monthsBack(month, 3));
  const monthsOf = new Map<string, Set<string>>();
  for (const x of usdRows)
    if (!x.m!.sanctioned && recent3.has(x.mo)) {
      const k = `${x.r.employee}|${x.m!.vendor}`;
      monthsOf.set(k, (monthsOf.get(k) ?? new Set()).add(x.mo));
    }
  const cur = usdRows.filter((x) => x.mo === month);
  const unsanctioned = cur.filter((x) => !x.m!.sanctioned);
  const sum = (xs: typeof cur) => xs.reduce((s, x) => s + x.amount, 0n);
  const group = (xs: typeof cur, k: (x: (typeof cur)[number]) => string) => {
    const m = new Map<string, { amount: Pico; n: number }>();
    for (const x of xs) {
      const g = m.get(k(x)) ?? { amount: 0n, n: 0 };
      g.amount += x.amount;
      g.n++;
      m.set(k(x), g);
    }
    return [...m].sort((a, b) => (b[1].amount > a[1].amount ? 1 : b[1].amount < a[1].amount ? -1 : a[0].localeCompare(b[0])));
  };
  const personVendor = group(unsanctioned, (x) => `${x.r.employee}|${x.r.department}|${x.m!.vendor}|${x.m!.product}`);
  const contract = [...group(unsanctioned, (x) => x.m!.vendor)].map(([vendor, g]) => {
    const people = new Set(unsanctioned.filter((x) => x.m!.vendor === vendor).map((x) => x.r.employee || "(unknown)")).size;
    const seat = seatOf.get(vendor) ?? null;
    return {
      vendor,
      people,
      unsanctioned_usd: usd(g.amount),
      under_contract_usd: seat === null ? null : usd(seat * BigInt(people)),
      seat_usd: seat === null ? null : usd(seat),
    };
  });
  const totalAi = sum(cur);
  const totalUnsanctioned = sum(unsanctioned);
  const twelve = new Date(to.getTime() - 365 * DAY_MS);
  return {
    month,
    last_import_at: lastImport?.importedAt.toISOString() ?? null,
    audited_in_last_12_months: !!lastImport && lastImport.importedAt >= twelve,
    totals: {
      ai_spend_usd: usd(totalAi),
      sanctioned_usd: usd(totalAi - totalUnsanctioned),
      unsanctioned_usd: usd(totalUnsanctioned),
      unsanctioned_share: totalAi > 0n ? Math.round(Number((totalUnsanctioned * 1_000_000n) / totalAi)) / 1_000_000 : null,
      lines: cur.length,
      other_currency_lines: matched.filter((x) => x.mo === month && x.r.currency !== "USD").length,
    },
    by_department: group(unsanctioned, (x) => x.r.department || "(none)").map(([department, g]) => ({
      department,
      unsanctioned_usd: usd(g.amount),
      lines: g.n,
    })),
    by_person: personVendor.slice(0, 200).map(([k, g]) => {
      const [employee, department, vendor, product] = k.split("|");
      const n = monthsOf.get(`${employee}|${vendor}`)?.size ?? 1;
      return {
        employee: employee || "(unknown)",
        department: department || "(none)",
        vendor,
        product,
        unsanctioned_usd: usd(g.amount),
        lines: g.n,
        recurring: n >= 2,
      };
    }),
    trend: months.map((m) => {
      const xs = usdRows.filter((x) => x.mo === m);
      const u = xs.filter((x) => !x.m!.sanctioned);
      return { month: m, ai_spend_usd: usd(sum(xs)), unsanctioned_usd: usd(sum(u)) };
    }),
    under_contract: contract,
    matches: cur.slice(0, 200).map((x) => ({
      day: x.r.day.toISOString().slice(0, 10),
      merchant: x.r.merchant,
      amount_usd: usd(x.amount),
      employee: x.r.employee,
      department: x.r.department,
      vendor: x.m!.vendor,
      product: x.m!.product,
      sanctioned: x.m!.sanctioned,
      explanation: x.m!.explanation,
    })),
  };
}

export type ShadowAiReport = Awaited<ReturnType<typeof getShadowAi>>;

/** Evidence for the assessment's shadow-AI item: the last import and the unsanctioned share over the 12 months before `now`. */
export async function shadowAuditEvidence(organizationId: string, now = new Date()) {
  const since = new Date(now.getTime() - 365 * DAY_MS);
  const [last, rows, orgRules] = await Promise.all([
    db().shadowImport.findFirst({ where: { organizationId }, orderBy: { importedAt: "desc" }, select: { importedAt: true } }),
    db().shadowSpendLine.findMany({
      where: { organizationId, day: { gte: since }, currency: "USD" },
      select: { merchant: true, description: true, amountUsd: true },
      take: 50_000,
    }),
    db().shadowRule.findMany({ where: { organizationId, deletedAt: null } }),
  ]);
  const rules = rulesFor(
    orgRules.map((r) => ({
      id: r.id,
      pattern: r.pattern,
      vendor: r.vendor,
      product: r.product,
      sanctioned: r.sanctioned,
      ignore: r.ignore,
    })),
  );
  let ai = 0n,
    out = 0n;
  for (const r of rows) {
    const m = matchLine(r, rules);
    if (!m) continue;
    const a = parseUsd(r.amountUsd.toString());
    ai += a;
    if (!m.sanctioned) out += a;
  }
  return {
    lastImportAt: last?.importedAt.toISOString() ?? null,
    asOf: now.toISOString(),
    aiSpendUsd: formatUsd6(ai).replace(/0{4}$/, ""),
    unsanctionedShare: ai > 0n ? Number((out * 1_000_000n) / ai) / 1_000_000 : null,
  };
}
