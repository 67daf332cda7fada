import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/core/errors";
import { grantLease } from "@/lib/guardrails/leases";
import { endpoints } from "@/lib/api/endpoints";
import { parseUsd, toDecimalString } from "@/lib/money";

/** A slice of a hard budget for an SDK instance (decision 017); `release` gives the previous one back. */
export const POST = apiRoute(endpoints["POST /api/v1/guardrails/leases"], async ({ principal, body }) => {
  const g = await grantLease(principal.organizationId, {
    budgetId: body.budget_id,
    holder: body.holder,
    wantPico: parseUsd(body.want_usd),
    minPico: parseUsd(body.min_usd ?? "0"),
    release: body.release ? { leaseId: body.release.lease_id, usedPico: parseUsd(body.release.used_usd) } : null,
  });
  if (!g)
    throw new AppError(
      "not_found",
      `No hard budget ${body.budget_id} in this organisation (deleted or no longer hard): refresh the policy snapshot.`,
    );
  return {
    lease_id: g.leaseId,
    budget_id: g.budgetId,
    amount_usd: toDecimalString(g.amountPico),
    expires_at: g.expiresAt.toISOString(),
    remaining_usd: toDecimalString(g.remainingPico),
    ...(g.retryAfterSec !== undefined ? { retry_after: g.retryAfterSec } : {}),
  };
});
