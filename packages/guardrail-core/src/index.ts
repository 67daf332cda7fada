/**
 * @spendline/guardrail-core: the guardrail decision, hard-budget leases (holder side) and the
 * policy snapshot's wire shape, shared by the Spendline server (lib/guardrails) and the SDK
 * (packages/sdk), so that both decide with the same code. Pure: no I/O, no Node built-ins.
 * Never published on its own: the SDK's build (packages/sdk/build.mjs) compiles it into the
 * SDK's dist/_core, and everything else here imports its source (tsconfig paths, vitest alias).
 */
export {
  budgetApplies,
  budgetEstimate,
  UNIT_SCALE,
  WINDOW_SECONDS,
  type BudgetUnit,
  type BudgetWindow,
  centsUsd,
  decide,
  DEFAULT_POLICY,
  indexQuotas,
  routeKey,
  type BudgetView,
  type CheckRequest,
  type Decision,
  type DecideView,
  type ModelRoute,
  type PolicyView,
  type QuotaVerdict,
} from "./decide.ts";
export { LeaseBook, type LeaseBookOptions, type LeaseGrant, type LeaseRequest, type RenewLease } from "./leases.ts";
export type { SnapshotWire } from "./snapshot-wire.ts";
