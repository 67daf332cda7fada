import "server-only";
import { db, Prisma } from "../db";
import { AppError } from "../core/errors";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { formatUsd6, roundToMicro, toDecimalString } from "../money";
import type { AllocationRule } from "../costs/schemas";
import { toAllocationRule } from "../costs/manage-fixed-costs";
import { computeReconciliation } from "./get-reconciliation";
import { coverageText } from "./reconcile";

/**
 * The invoice true-up of a month (docs/decisions/022-reconciliation-waterfall.md): the invoiced total of every provider with
 * an imported invoice, minus what Spendline attributed to those providers, each rounded to the
 * micro-dollar half-even once, so that the chargeback's direct column (rounded the same way)
 * plus the true-up is exactly the invoice as shown. It is recomputed live until the month is
 * closed: re-importing the invoice moves the true-up with it.
 */
export async function trueUpAmount(organizationId: string, month: string): Promise<{ amountPico: bigint; invoicePico: bigint } | null> {
  const rec = await computeReconciliation(organizationId, month);
  const withMoney = rec.providers.filter((p) => p.invoicedPico !== 0n || p.drivers.length);
  if (!withMoney.length) return null;
  const invoice = withMoney.reduce((s, p) => s + p.invoicedPico, 0n);
  const attributed = withMoney.reduce((s, p) => s + p.attributedPico, 0n);
  return { amountPico: roundToMicro(invoice) - roundToMicro(attributed), invoicePico: invoice };
}

/** The stored rule and the live amount, for the chargeback of a month. */
export async function loadTrueUp(
  organizationId: string,
  month: string,
): Promise<{ amountPico: bigint; allocation: AllocationRule } | null> {
  const row = await db().invoiceTrueUp.findUnique({ where: { organizationId_month: { organizationId, month } } });
  if (!row) return null;
  const amount = await trueUpAmount(organizationId, month);
  if (!amount) return null;
  return { amountPico: amount.amountPico, allocation: toAllocationRule(row.allocationRule, row.allocation) };
}

export async function applyTrueUp(organizationId: string, month: string, allocation: AllocationRule, actor: Actor) {
  const period = await db().chargebackPeriod.findUnique({ where: { organizationId_month: { organizationId, month } } });
  if (period?.status === "closed")
    throw new AppError("conflict", `${month} is closed: reopen it on the Chargeback page before applying a true-up.`);
  const rec = await computeReconciliation(organizationId, month);
  const partial = rec.providers.find((p) => !p.coverage.complete);
  if (partial)
    throw new AppError(
      "conflict",
      `The ${partial.provider} invoice for ${month} ${coverageText(partial.coverage)}: import the rest of the month before applying a true-up.`,
    );
  const amount = await trueUpAmount(organizationId, month);
  if (!amount) throw new AppError("bad_request", `No invoice imported for ${month}: import one under Billing before applying a true-up.`);
  const { rule, ...rest } = allocation;
  const data = {
    allocationRule: rule,
    allocation: (Object.keys(rest).length ? rest : Prisma.JsonNull) as Prisma.InputJsonValue,
    amountUsd: toDecimalString(amount.amountPico),
    invoiceUsd: toDecimalString(amount.invoicePico),
    appliedById: actor.userId ?? null,
    appliedAt: new Date(),
  };
  const before = await db().invoiceTrueUp.findUnique({ where: { organizationId_month: { organizationId, month } } });
  await db().invoiceTrueUp.upsert({
    where: { organizationId_month: { organizationId, month } },
    create: { organizationId, month, ...data },
    update: data,
  });
  await writeAudit({
    organizationId,
    actor,
    action: "chargeback.true_up",
    targetType: "month",
    targetId: month,
    before: before ? { rule: before.allocationRule, amount_usd: before.amountUsd.toString() } : undefined,
    after: { rule: allocation, amount_usd: formatUsd6(amount.amountPico), invoice_usd: formatUsd6(amount.invoicePico) },
  });
  return { month, amount_usd: formatUsd6(amount.amountPico), invoice_usd: formatUsd6(amount.invoicePico), allocation };
}

export async function removeTrueUp(organizationId: string, month: string, actor: Actor) {
  const deleted = await db().invoiceTrueUp.deleteMany({ where: { organizationId, month } });
  if (deleted.count) await writeAudit({ organizationId, actor, action: "chargeback.true_up_remove", targetType: "month", targetId: month });
  return { month, removed: deleted.count > 0 };
}
