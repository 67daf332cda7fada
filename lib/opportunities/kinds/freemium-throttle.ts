import "server-only";
import { displayUsd, formatUsd6, roundToMicro } from "../../money";
import { type Candidate, type OpportunityContext } from "../context";
import { throttleSaving } from "../estimates";
import { topFeatureOf } from "../load-inputs";

export const kind = "freemium_throttle" as const;

/** 6. Free-tier throttling of trapped tenants, on the feature they spend most on. */
export async function detect(ctx: OpportunityContext): Promise<Candidate[]> {
  const trap = await ctx.freemiumTrap();
  const trapped = trap.list.filter((t) => t.trapped && t.cheaperModels.length);
  if (!trapped.length) return [];
  const target = trapped[0].cheaperModels[0].model;
  const feature = await topFeatureOf(
    ctx.organizationId,
    trapped.map((t) => t.tenantId),
    ctx.window.from,
    ctx.window.to,
  );
  if (!feature) return [];
  // each tenant's figures at the precision the tenant list shows them (micro-dollars), so the total is their sum
  const cost = trapped.reduce((a, t) => a + roundToMicro(t.cost), 0n);
  const saving = throttleSaving(
    trapped.map((t) => ({ cost: roundToMicro(t.cost), atThrottleModel: roundToMicro(t.cheaperModels[0].estimatedCost) })),
  );
  return [
    {
      id: `freemium_throttle:${feature}`,
      kind,
      feature,
      owner_team: await ctx.ownerOf(feature),
      title: `Throttle ${trapped.length} trapped free tenants on ${feature} to ${target}`,
      saving,
      cost,
      basis: [
        `${trapped.length} free tenants cost ${displayUsd(cost)} in their first 30 days against a predicted LTV of ${displayUsd(roundToMicro(trap.predictedLtv))} each.`,
        `Their token mix at the throttle model (the dearest same-provider model that fits under the LTV) would cost ${displayUsd(cost - saving)}.`,
        `Approving turns on freemium throttling for ${feature} with ${target} as its fallback model (the fallback budgets and the kill switch also use).`,
      ],
      evidence: {
        tenants: trapped
          .slice(0, 20)
          .map((t) => ({ tenant: t.tenantId, cost_30d_usd: formatUsd6(t.cost), throttle_model: t.cheaperModels[0].model })),
      },
      proposal: { type: "throttle", feature, fallback_model: target },
    },
  ];
}
