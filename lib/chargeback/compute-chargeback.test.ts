import { expect, test } from "vitest";
import { parseUsd } from "../money";
import { computeChargeback, type ChargebackInput, type TeamUsage } from "./compute-chargeback";
import { chargebackCsv } from "./chargeback-csv";
import { chargebackReportToWire } from "./chargeback-wire";

/** the report as the API answers it */
const wire = (i: ChargebackInput) => chargebackReportToWire(computeChargeback(i));

const u = (team: string, cost: string, extra: Partial<TeamUsage> = {}): TeamUsage => ({
  team,
  costPico: parseUsd(cost),
  events: 10,
  successes: 8,
  correctTrue: 3,
  correctSet: 4,
  inputTokens: 1000n,
  outputTokens: 250n,
  ...extra,
});

const base = {
  month: "2026-10",
  previousUsage: [u("search", "1", { outputTokens: 500n })],
  knownTeams: ["search", "support", "growth"],
  featureOwner: new Map(),
  featureTeamCost: new Map(),
};

test.each([
  {
    name: "awkward amounts: thirds",
    usage: [u("search", "0.1000004"), u("support", "0.2000004"), u("unallocated", "0.0000004")],
    fixed: [{ id: "f1", name: "GPU", amountPico: parseUsd("100"), allocation: { rule: "even" as const } }],
    events_usd: "0.300001",
    fixed_usd: "100.000000",
  },
  {
    name: "proportional 1/3 vs 2/3 of 10.000001",
    usage: [u("a", "1"), u("b", "2")],
    fixed: [{ id: "f1", name: "Index", amountPico: parseUsd("10.000001"), allocation: { rule: "proportional" as const } }],
    events_usd: "3.000000",
    fixed_usd: "10.000001",
  },
])("$name: rows add up exactly", ({ usage, fixed, events_usd, fixed_usd }) => {
  const r = wire({ ...base, usage, fixedCosts: fixed });
  expect(r.events_usd).toBe(events_usd);
  expect(r.fixed_costs_usd).toBe(fixed_usd);
  const sum = (col: "direct_usd" | "allocated_usd" | "total_usd") => r.rows.reduce((s, row) => s + parseUsd(row[col]), 0n);
  expect(sum("direct_usd")).toBe(parseUsd(r.events_usd));
  expect(sum("allocated_usd")).toBe(parseUsd(r.fixed_costs_usd));
  expect(sum("total_usd")).toBe(parseUsd(r.events_usd) + parseUsd(r.fixed_costs_usd));
  expect(parseUsd(r.total_usd)).toBe(sum("total_usd"));
  for (const row of r.rows) expect(parseUsd(row.total_usd)).toBe(parseUsd(row.direct_usd) + parseUsd(row.allocated_usd));
  expect(r.rows.at(-1)!.team).toBe("unallocated");
});

test("quality beside cost and TER change vs last month", () => {
  const input = { ...base, usage: [u("search", "5")], fixedCosts: [] };
  const r = wire(input);
  const s = r.rows.find((x) => x.team === "search")!;
  expect(s).toMatchObject({ success_rate: 0.8, correct_rate: 0.75, ter: 0.25, ter_previous: 0.5, ter_change: -0.25, share: 1 });
  const un = r.rows.find((x) => x.team === "unallocated")!;
  expect(un.total_usd).toBe("0.000000");
  expect(chargebackCsv(computeChargeback(input)).split("\r\n")[0]).toBe(
    "team,direct_usd,allocated_usd,total_usd,events,share,success_rate,correct_rate,ter,ter_change",
  );
});
