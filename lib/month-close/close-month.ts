import "server-only";
import type { Actor } from "../audit/actor";
import { AppError } from "../core/errors";
import { writeAudit } from "../audit/write-audit";
import { db, Prisma } from "../db";
import { computeLiveChargeback } from "../chargeback/get-chargeback";
import { chargebackReportToWire } from "../chargeback/chargeback-wire";
import { isMonthFinished } from "../chargeback/schemas";
import { computeBoardReport } from "../reports/get-board-report";
import { computeReconciliationReport } from "../billing/get-reconciliation";

/**
 * Close freezes everything the month's reports show (docs/decisions/037-closed-month-reports.md):
 * the chargeback (rows, totals), the board report's data with the settings it used, and the
 * reconciliation. Events for the month that arrive later are listed as late arrivals, never
 * added. Reopen (admin, with a reason, audited) returns to the live computation, which includes
 * them; closing again takes a new snapshot.
 *
 * It lives above lib/chargeback, lib/reports and lib/billing because it freezes all three: the
 * board report reads the chargeback, so a close inside lib/chargeback would import its reader.
 */
export async function closeMonth(organizationId: string, month: string, actor: Actor, now: Date = new Date()) {
  if (!isMonthFinished(month, now)) {
    throw new AppError(
      "conflict",
      `${month} has not ended yet: only finished months can be closed. Close it from the 1st of the next month (UTC).`,
    );
  }
  const existing = await db().chargebackPeriod.findUnique({ where: { organizationId_month: { organizationId, month } } });
  if (existing?.status === "closed") throw new AppError("conflict", `${month} is already closed. Reopen it first to restate.`);
  const closedAt = new Date();
  // the snapshot is the wire form the API answers (decision 037): read back by chargebackReportFromWire
  const snapshot = chargebackReportToWire(await computeLiveChargeback(organizationId, month));
  const data = {
    status: "closed",
    closedAt,
    closedById: actor.userId ?? null,
    snapshot: JSON.parse(JSON.stringify(snapshot)) as Prisma.InputJsonValue,
  };
  await db().chargebackPeriod.upsert({
    where: { organizationId_month: { organizationId, month } },
    create: { organizationId, month, ...data },
    update: data,
  });
  try {
    // computed after the chargeback is frozen, so the board report reads the frozen chargeback
    const [board, reconciliation] = await Promise.all([
      computeBoardReport(organizationId, month, closedAt),
      computeReconciliationReport(organizationId, month),
    ]);
    await db().chargebackPeriod.update({
      where: { organizationId_month: { organizationId, month } },
      data: { reports: JSON.parse(JSON.stringify({ board, reconciliation })) as Prisma.InputJsonValue },
    });
  } catch (err) {
    // never leave a month closed with only half of its reports frozen
    await db().chargebackPeriod.update({
      where: { organizationId_month: { organizationId, month } },
      data: { status: existing?.status ?? "open", snapshot: existing?.snapshot ?? Prisma.DbNull, closedAt: existing?.closedAt ?? null },
    });
    throw err;
  }
  await writeAudit({
    organizationId,
    actor,
    action: "chargeback.close",
    targetType: "ChargebackPeriod",
    targetId: month,
    after: { total_usd: snapshot.total_usd, events: snapshot.events },
  });
  return { month, status: "closed", closed_at: closedAt.toISOString(), total_usd: snapshot.total_usd };
}

/** Reopen a closed month: an admin action with a reason (required), audited; the frozen reports are dropped. */
export async function reopenMonth(organizationId: string, month: string, actor: Actor, reason?: string) {
  const why = reason?.trim();
  if (!why) throw new AppError("bad_request", `Say why ${month} is reopened (reason): it is recorded in the audit log.`);
  const existing = await db().chargebackPeriod.findUnique({ where: { organizationId_month: { organizationId, month } } });
  if (existing?.status !== "closed") throw new AppError("conflict", `${month} is not closed.`);
  const reopenedAt = new Date();
  await db().chargebackPeriod.update({
    where: { organizationId_month: { organizationId, month } },
    data: { status: "open", reopenedAt, reopenedById: actor.userId ?? null, reopenReason: why, reports: Prisma.DbNull },
  });
  const snap = existing.snapshot as { total_usd?: string; events?: number } | null;
  await writeAudit({
    organizationId,
    actor,
    action: "chargeback.reopen",
    targetType: "ChargebackPeriod",
    targetId: month,
    before: { status: "closed", closed_at: existing.closedAt, total_usd: snap?.total_usd, events: snap?.events },
    after: { status: "open", reason: why },
  });
  return { month, status: "open", reopened_at: reopenedAt.toISOString() };
}

export async function setChargebackMode(organizationId: string, mode: "showback" | "chargeback", actor: Actor) {
  const before = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { chargebackMode: true } });
  const value = mode === "chargeback" ? "CHARGEBACK" : "SHOWBACK";
  await db().organization.update({ where: { id: organizationId }, data: { chargebackMode: value } });
  await writeAudit({
    organizationId,
    actor,
    action: "chargeback.mode",
    targetType: "Organization",
    targetId: organizationId,
    before,
    after: { chargebackMode: value },
  });
  return { mode };
}
