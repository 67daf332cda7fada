/**
 * The guardrail decision (docs/metrics.md "Guardrails"). One implementation, shared with the SDK
 * (packages/sdk/src/decide.ts), which decides locally from the policy snapshot; here bound to
 * the dashboard's money display.
 */
import { displayUsd } from "../money";
import { decide as decideWith, type CheckRequest, type Decision, type DecideView } from "../../packages/sdk/src/decide";

export {
  DEFAULT_POLICY,
  type BudgetView,
  type CheckRequest,
  type Decision,
  type DecideView,
  type ModelRoute,
  type PolicyView,
  type QuotaVerdict,
} from "../../packages/sdk/src/decide";

export function decide(req: CheckRequest, view: DecideView): Decision {
  return decideWith(req, view, displayUsd);
}
