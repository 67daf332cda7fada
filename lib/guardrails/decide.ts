/**
 * The guardrail decision (docs/metrics.md "Guardrails"). One implementation, shared with the SDK
 * (packages/sdk/src/decide.ts), which decides locally from the policy snapshot; here bound to
 * the dashboard's money display.
 */
import { displayUsd } from "../money";
import { decide as decideWith, type CheckRequest, type Decision, type BudgetView, type PolicyView } from "../../packages/sdk/src/decide";

export { DEFAULT_POLICY, type BudgetView, type CheckRequest, type Decision, type PolicyView } from "../../packages/sdk/src/decide";

export function decide(
  req: CheckRequest,
  view: { policy: PolicyView; hardBudgets: BudgetView[]; tenantTrapped: boolean; estimatePico: bigint },
): Decision {
  return decideWith(req, view, displayUsd);
}
