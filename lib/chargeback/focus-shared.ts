/**
 * What every FOCUS row builder shares (focus-rows.ts puts the rows together): the columns per
 * version, the row type, the columns common to every row of a month, text and number forms, and
 * the per-team rounding that makes the file add up to the chargeback. Pure.
 */
import type { Pico } from "../money";
import { roundLargestRemainder } from "../money/largest-remainder";
import type { ChargebackReport, ChargebackRow } from "./compute-chargeback";
import { FOCUS_12_MANDATORY, FOCUS_13_MANDATORY, type FocusVersion } from "./focus-conformance";

/** HostProviderName where no infrastructure is involved or it cannot be determined (FOCUS 1.3). */
export const NOT_APPLICABLE = "Not Applicable";
/** AllocatedMethodId of the chargeback's shared-cost allocation (docs/metrics.md "Chargeback", decision 009). */
export const ALLOCATION_METHOD = "spendline-chargeback-allocation";

export const FOCUS_VERSION: FocusVersion = "1.3";

/** The conditional and recommended FOCUS 1.2 columns that apply to this export. */
const FOCUS_APPLICABLE = [
  "ChargeFrequency",
  "ConsumedQuantity",
  "ConsumedUnit",
  "InvoiceId",
  "PricingCategory",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "ServiceSubcategory",
  "SkuId",
  "SkuPriceDetails",
  "SkuPriceId",
] as const;

const X_COLUMNS = [
  "x_Feature",
  "x_Team",
  "x_TenantTier",
  "x_Environment",
  "x_Events",
  "x_ModelId",
  "x_ModelProvider",
  "x_InputTokens",
  "x_OutputTokens",
  "x_CacheReadTokens",
  "x_CacheWriteTokens",
  "x_ReasoningTokens",
] as const;
/** FOCUS 1.3 split cost allocation columns that apply (shared costs allocated to teams). */
const FOCUS_13_ALLOCATION = ["AllocatedMethodId", "AllocatedResourceId", "AllocatedResourceName"] as const;

/** FOCUS 1.2 columns (mandatory, plus the applicable ones) in name order, then x_ columns. */
export const FOCUS_12_COLUMNS = [...[...FOCUS_12_MANDATORY, ...FOCUS_APPLICABLE].sort(), ...X_COLUMNS] as const;
/** FOCUS 1.3 columns: 1.2's, ServiceProviderName, HostProviderName and the allocation columns. */
export const FOCUS_13_COLUMNS = [...[...FOCUS_13_MANDATORY, ...FOCUS_APPLICABLE, ...FOCUS_13_ALLOCATION].sort(), ...X_COLUMNS] as const;
export const FOCUS_COLUMNS = FOCUS_13_COLUMNS;
export const focusColumns = (version: FocusVersion): readonly FocusColumn[] => (version === "1.2" ? FOCUS_12_COLUMNS : FOCUS_13_COLUMNS);
export type FocusColumn = (typeof FOCUS_13_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string | null>;

/** StringHandling in practice: names and descriptions as plain ASCII (an em dash fails strict validators). */
export const ascii = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u2012-\u2015]/g, "-")
    .replace(/[^\x20-\x7E]/g, "");
export const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
/** FOCUS Decimal columns: always written with a decimal point. */
export const dec = (n: bigint | number) => `${n}.0`;

/** The x_ columns of a row that is not model usage (shared costs, adjustments). */
export const NO_USAGE = {
  x_Feature: null,
  x_TenantTier: null,
  x_Environment: null,
  x_Events: "0",
  x_ModelId: null,
  x_ModelProvider: null,
  x_InputTokens: null,
  x_OutputTokens: null,
  x_CacheReadTokens: null,
  x_CacheWriteTokens: null,
  x_ReasoningTokens: null,
} as const;

/** The month every builder writes rows for. */
export type FocusContext = {
  v13: boolean;
  organizationId: string;
  organizationName: string;
  from: Date;
  to: Date;
  report: ChargebackReport;
  /** the chargeback's row per team */
  teamRow: Map<string, ChargebackRow>;
  /** the columns every row of the month has */
  common: {
    BillingAccountId: string;
    BillingAccountName: string;
    BillingCurrency: string;
    BillingPeriodStart: string;
    BillingPeriodEnd: string;
    ChargeClass: null;
  };
};

/**
 * Rounds each team's exact parts to micro-dollars adding up to the team's figure in the
 * chargeback (largest remainder, decision 009). When the parts cannot reach it — a closed
 * month's frozen figure against rollups that changed after the close (late arrivals, restated
 * or deleted events), or a team the frozen chargeback never saw — the parts are rounded on
 * their own and the difference is returned per team, to be written as its own Adjustment row:
 * the file still sums to the chargeback, and the difference is visible rather than smeared
 * over usage rows.
 */
export function roundPerTeam(
  parts: { key: string; team: string; value: Pico }[],
  teamTarget: (team: string) => Pico | undefined,
  /** every team the chargeback has a figure for (one whose parts are all gone keeps a residual) */
  teams: string[],
): { rounded: Map<string, Pico>; residual: Map<string, Pico> } {
  const rounded = new Map<string, Pico>();
  const residual = new Map<string, Pico>();
  const byTeam = new Map<string, { key: string; value: Pico }[]>();
  for (const t of teams) byTeam.set(t, []);
  for (const p of parts) {
    const list = byTeam.get(p.team);
    if (list) list.push(p);
    else byTeam.set(p.team, [p]);
  }
  for (const [team, list] of byTeam) {
    const target = teamTarget(team) ?? 0n;
    const onItsOwn = roundLargestRemainder(list, 1_000_000n);
    let own = 0n;
    for (const v of onItsOwn.values()) own += v;
    const floors = list.reduce((s, p) => s + (p.value / 1_000_000n) * 1_000_000n, 0n);
    const reachable = target >= floors && target - floors <= BigInt(list.length) * 1_000_000n;
    const mine = reachable ? roundLargestRemainder(list, 1_000_000n, target) : onItsOwn;
    if (!reachable && target !== own) residual.set(team, target - own);
    for (const [k, v] of mine) rounded.set(k, v);
  }
  return { rounded, residual };
}
