import "server-only";
import { db } from "../db";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import type { ContractInput } from "./schemas";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Records a commitment, a quota (replacing the same provider/model/unit) or a provisioned capacity; audited. */
export async function createContract(organizationId: string, input: ContractInput, actor: Actor): Promise<{ id: string; type: string }> {
  let id: string;
  if (input.type === "commitment") {
    id = (
      await db().commitment.create({
        data: {
          organizationId,
          provider: input.provider,
          name: input.name,
          periodStart: day(input.period_start),
          periodEnd: day(input.period_end),
          monthlyFloorUsd: input.monthly_floor_usd,
          discount: input.discount,
          lapseAfterMonths: input.lapse_after_months,
        },
      })
    ).id;
  } else if (input.type === "quota") {
    const key = { organizationId, provider: input.provider, model: input.model, unit: input.unit };
    id = (
      await db().quota.upsert({
        where: { organizationId_provider_model_unit: key },
        create: { ...key, monthlyLimit: input.monthly_limit },
        update: { monthlyLimit: input.monthly_limit },
      })
    ).id;
    onGuardrailRelevantWrite(organizationId); // the guardrails pace against quotas (policy snapshot)
  } else {
    id = (
      await db().provisionedCapacity.create({
        data: {
          organizationId,
          provider: input.provider,
          model: input.model,
          name: input.name,
          hourlyCostUsd: input.hourly_cost_usd,
          capacityUnits: input.capacity_units,
          tokensPerMinutePerUnit: input.tokens_per_minute_per_unit,
          ownerTeam: input.owner_team,
          startsAt: new Date(input.starts_at),
          endsAt: input.ends_at ? new Date(input.ends_at) : null,
        },
      })
    ).id;
  }
  await writeAudit({ organizationId, actor, action: `billing.${input.type}.create`, targetType: input.type, targetId: id, after: input });
  return { id, type: input.type };
}
