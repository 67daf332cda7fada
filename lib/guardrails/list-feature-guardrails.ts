import "server-only";
import { db, Prisma } from "../db";
import { listPolicies } from "./manage-policies";
import { DAY_MS } from "../time";

/**
 * Every feature the organisation knows (Feature rows, features with cost in the last 35 days,
 * policies) with its guardrail policy or the defaults, so each can get a kill switch.
 */
export async function listFeatureGuardrails(organizationId: string) {
  const since = new Date(Date.now() - 35 * DAY_MS);
  const [policies, features, recent] = await Promise.all([
    listPolicies(organizationId),
    db().feature.findMany({ where: { organizationId }, select: { name: true }, take: 500 }),
    db().$queryRaw<{ feature: string }[]>(Prisma.sql`
      SELECT DISTINCT "feature" FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND "day" >= ${since}::date LIMIT 500`),
  ]);
  const byFeature = new Map(policies.map((p) => [p.feature, p]));
  for (const name of [...features.map((f) => f.name), ...recent.map((r) => r.feature)]) {
    if (!byFeature.has(name)) {
      byFeature.set(name, {
        feature: name,
        fallback_action: "downgrade",
        fallback_model: null,
        kill_switch: false,
        kill_switch_reason: null,
        anomaly_active: false,
        anomaly_tripped_at: null,
        anomaly_cleared_at: null,
        baseline_usd_per_min: null,
        auto_clear_minutes: 60,
        freemium_throttle: true,
        updated_at: "",
      });
    }
  }
  return [...byFeature.values()].sort(
    (a, b) => Number(b.kill_switch || b.anomaly_active) - Number(a.kill_switch || a.anomaly_active) || a.feature.localeCompare(b.feature),
  );
}
