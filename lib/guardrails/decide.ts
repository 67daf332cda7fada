/**
 * The guardrail decision (docs/metrics.md "Guardrails"). One implementation, shared with the SDK
 * (packages/guardrail-core), which decides locally from the policy snapshot; here bound to
 * the dashboard's money display.
 */
import { displayUsd } from "../money";
import { decide as decideWith, type CheckRequest, type Decision, type DecideView } from "@spendline/guardrail-core";

export {
  DEFAULT_POLICY,
  type BudgetView,
  type CheckRequest,
  type Decision,
  type DecideView,
  type ModelRoute,
  type PolicyView,
  type QuotaVerdict,
} from "@spendline/guardrail-core";

export function decide(req: CheckRequest, view: DecideView): Decision {
  return decideWith(req, view, displayUsd);
}
