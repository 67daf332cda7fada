import { expect, test } from "vitest";
import { checkContractCommitment, contractCommitmentRows, CONTRACT_COMMITMENT_COLUMNS } from "./focus-contract-commitment";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const commitment = {
  id: "c1",
  provider: "openai",
  providerName: "OpenAI",
  name: "OpenAI 2026 commit",
  monthlyFloorUsd: "5000.0000005",
  discount: "0.15",
};
const text = (rows: ReturnType<typeof contractCommitmentRows>) =>
  rows.map((r) => Object.fromEntries(CONTRACT_COMMITMENT_COLUMNS.map((c) => [c, r[c] ?? ""])));

test.each([
  // in force all month: the month's floor, period = the month
  { name: "whole month", start: "2026-01-01", end: "2027-01-01", rows: 1, from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" },
  // starts mid-month: the commitment period starts with the contract
  { name: "starts on the 15th", start: "2026-10-15", end: "2027-10-15", rows: 1, from: "2026-10-15T00:00:00Z", to: "2026-11-01T00:00:00Z" },
  // ended before the month: no row
  { name: "ended", start: "2025-01-01", end: "2026-10-01", rows: 0, from: "", to: "" },
])("$name", ({ start, end, rows, from, to }) => {
  const out = contractCommitmentRows({
    month: "2026-10",
    from: d("2026-10-01"),
    to: d("2026-11-01"),
    commitments: [{ ...commitment, periodStart: d(start), periodEnd: d(end) }],
  });
  expect(out).toHaveLength(rows);
  if (!rows) return;
  expect(out[0]).toMatchObject({
    ContractCommitmentCategory: "Spend",
    // 5000.0000005 rounded half-even to 6 decimals
    ContractCommitmentCost: "5000.000000",
    ContractCommitmentId: "c1/2026-10",
    ContractCommitmentPeriodStart: from,
    ContractCommitmentPeriodEnd: to,
    ContractId: "c1",
    x_DiscountPercentage: "15",
  });
  expect(checkContractCommitment([...CONTRACT_COMMITMENT_COLUMNS], text(out))).toEqual([]);
});

test("the checker names the dataset's rules", () => {
  const row = Object.fromEntries(CONTRACT_COMMITMENT_COLUMNS.map((c) => [c, ""]));
  Object.assign(row, { ContractCommitmentCategory: "Discount", ContractPeriodStart: "2026-10-01", ContractCommitmentQuantity: "ten" });
  const rules = new Set(checkContractCommitment(["ContractId", "Commitment"], [row]).map((v) => `${v.column}: ${v.rule}`));
  for (const r of [
    "ContractCommitmentCost: column MUST be present",
    "Commitment: custom columns MUST use the x_ prefix",
    "ContractId: MUST NOT be null",
    "ContractCommitmentCategory: ContractCommitmentCategory MUST be one of the allowed values",
    "ContractCommitmentQuantity: NumericFormat: a plain decimal",
    "ContractPeriodStart: DateTimeFormat: ISO 8601 UTC with Z",
  ])
    expect(rules).toContain(r);
});
