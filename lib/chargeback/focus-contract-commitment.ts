/**
 * FOCUS 1.3 ContractCommitment dataset for a month (docs/decisions/041-focus-1-3.md): one row per
 * commitment (lib/billing contracts) in force during the month. A Spendline commitment is a
 * monthly spend floor with a discount, so each month's floor is one contract commitment of the
 * contract (the commitment record): Category "Spend", cost = the floor in the billing currency,
 * its period = the month inside the contract period. Pure; the checker below holds it to the
 * dataset's rules (FOCUS_Spec specification/datasets/contract_commitment).
 */
import { formatUsd6, parseUsd } from "../money";
import { ascii } from "./focus-rows";
import type { Violation } from "./focus-conformance";

export const CONTRACT_COMMITMENT_COLUMNS = [
  "BillingCurrency",
  "ContractCommitmentCategory",
  "ContractCommitmentCost",
  "ContractCommitmentDescription",
  "ContractCommitmentId",
  "ContractCommitmentPeriodEnd",
  "ContractCommitmentPeriodStart",
  "ContractCommitmentQuantity",
  "ContractCommitmentType",
  "ContractCommitmentUnit",
  "ContractId",
  "ContractPeriodEnd",
  "ContractPeriodStart",
  "x_ServiceProviderName",
  "x_DiscountPercentage",
] as const;
export type ContractCommitmentRow = Record<(typeof CONTRACT_COMMITMENT_COLUMNS)[number], string | null>;

export type CommitmentInput = {
  id: string;
  provider: string;
  providerName: string;
  name: string;
  periodStart: Date;
  /** exclusive */
  periodEnd: Date;
  monthlyFloorUsd: string;
  /** 0.15 for 15 % off list */
  discount: string;
};

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
const max = (a: Date, b: Date) => (a > b ? a : b);
const min = (a: Date, b: Date) => (a < b ? a : b);

export function contractCommitmentRows(input: {
  month: string;
  from: Date;
  to: Date;
  commitments: CommitmentInput[];
}): ContractCommitmentRow[] {
  return input.commitments
    .filter((c) => c.periodStart < input.to && c.periodEnd > input.from)
    .map((c) => {
      const pct = formatUsd6(parseUsd(c.discount) * 100n).replace(/\.?0+$/, "");
      return {
        BillingCurrency: "USD",
        ContractCommitmentCategory: "Spend",
        ContractCommitmentCost: formatUsd6(parseUsd(c.monthlyFloorUsd)),
        ContractCommitmentDescription: ascii(`${c.name}: monthly minimum spend with ${c.providerName} for ${pct}% off list`),
        ContractCommitmentId: `${c.id}/${input.month}`,
        ContractCommitmentPeriodEnd: iso(min(c.periodEnd, input.to)),
        ContractCommitmentPeriodStart: iso(max(c.periodStart, input.from)),
        ContractCommitmentQuantity: null,
        ContractCommitmentType: "Monthly Minimum Spend",
        ContractCommitmentUnit: null,
        ContractId: c.id,
        ContractPeriodEnd: iso(c.periodEnd),
        ContractPeriodStart: iso(c.periodStart),
        x_ServiceProviderName: ascii(c.providerName),
        x_DiscountPercentage: pct,
      };
    });
}

const NUMERIC = /^-?(\d+)(\.\d+)?(E-?\d+)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isNull = (v: string | null | undefined) => v === null || v === undefined || v === "";
const MANDATORY = CONTRACT_COMMITMENT_COLUMNS.filter((c) => !c.startsWith("x_"));
const NOT_NULL = [
  "ContractCommitmentCategory",
  "ContractCommitmentId",
  "ContractCommitmentPeriodEnd",
  "ContractCommitmentPeriodStart",
  "ContractCommitmentType",
  "ContractId",
  "ContractPeriodEnd",
  "ContractPeriodStart",
];

/** The ContractCommitment dataset's rules (FOCUS 1.3), on the CSV as written. */
export function checkContractCommitment(header: string[], rows: Record<string, string>[]): Violation[] {
  const out: Violation[] = [];
  for (const c of MANDATORY) if (!header.includes(c)) out.push({ rule: "column MUST be present", row: null, column: c });
  for (const c of header)
    if (!(MANDATORY as string[]).includes(c) && !c.startsWith("x_"))
      out.push({ rule: "custom columns MUST use the x_ prefix", row: null, column: c });
  rows.forEach((r, i) => {
    const row = i + 2;
    const bad = (rule: string, column: string) => out.push({ rule, row, column, value: r[column] });
    for (const c of NOT_NULL) if (isNull(r[c])) bad("MUST NOT be null", c);
    if (!["Spend", "Usage"].includes(r.ContractCommitmentCategory))
      bad("ContractCommitmentCategory MUST be one of the allowed values", "ContractCommitmentCategory");
    if (isNull(r.ContractCommitmentCost) && isNull(r.ContractCommitmentQuantity))
      bad("ContractCommitmentCost MUST NOT be null when ContractCommitmentQuantity is null", "ContractCommitmentCost");
    for (const c of ["ContractCommitmentCost", "ContractCommitmentQuantity"])
      if (!isNull(r[c]) && !NUMERIC.test(r[c])) bad("NumericFormat: a plain decimal", c);
    for (const c of ["ContractCommitmentPeriodEnd", "ContractCommitmentPeriodStart", "ContractPeriodEnd", "ContractPeriodStart"])
      if (!isNull(r[c]) && !DATETIME.test(r[c])) bad("DateTimeFormat: ISO 8601 UTC with Z", c);
    if (!isNull(r.ContractCommitmentCost) && !/^[A-Z]{3}$/.test(r.BillingCurrency ?? ""))
      bad("BillingCurrency MUST NOT be null when ContractCommitmentCost is not null (ISO 4217)", "BillingCurrency");
    if (r.ContractCommitmentPeriodEnd <= r.ContractCommitmentPeriodStart)
      bad("ContractCommitmentPeriodEnd MUST be after ContractCommitmentPeriodStart", "ContractCommitmentPeriodEnd");
    if (r.ContractCommitmentPeriodStart < r.ContractPeriodStart || r.ContractCommitmentPeriodEnd > r.ContractPeriodEnd)
      bad("the commitment period lies inside the contract period", "ContractCommitmentPeriodStart");
  });
  return out;
}
