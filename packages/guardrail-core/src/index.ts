/**
 * @spendline/guardrail-core: the guardrail decision, hard-budget leases (holder side) and the
 * policy snapshot's wire shape, shared by the Spendline server (lib/guardrails) and the SDK
 * (packages/sdk), so that both decide with the same code. Pure: no I/O, no Node built-ins.
 * The SDK's tarball carries a copy of it (packages/sdk/package.json bundleDependencies).
 */
export {
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
} from "./decide.js";
export { LeaseBook, type LeaseBookOptions, type LeaseGrant, type LeaseRequest, type RenewLease } from "./leases.js";
export type { SnapshotWire } from "./snapshot-wire.js";
