import "server-only";
import { anomalyAlertTitle } from "../alerts/wording";
import type { IngestedSummary } from "../events/ingested-summary";
import { db, Prisma } from "../db";
import { formatUsd6, parseUsd } from "../money";
import { raiseAlert } from "../alerts/raise-alert";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import { clearAnomaly } from "../guardrails/manage-policies";
import { baselinePerMinute, isAnomalous, LOOKBACK_MINUTES, sameHourPreviousDays } from "./detect";
import { runtimeSlot } from "../runtime";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

// baseline per (org, feature, hour): the previous days do not change within the hour
const baselinesSlot = runtimeSlot<Map<string, bigint[]>>("Baselines");
const baselines = (baselinesSlot.value ??= new Map());

async function hourCosts(organizationId: string, feature: string, minute: Date): Promise<bigint[]> {
  const hour = Math.floor(minute.getTime() / HOUR_MS) * HOUR_MS;
  const key = `${organizationId}|${feature}|${hour}`;
  const hit = baselines.get(key);
  if (hit) return hit;
  const starts = sameHourPreviousDays(minute);
  const rows = await db().$queryRaw<{ h: Date; cost: string }[]>(Prisma.sql`
    SELECT date_trunc('hour', "minute") AS h, SUM("costUsd")::text AS cost FROM "MinuteRollup"
    WHERE "organizationId" = ${organizationId} AND "feature" = ${feature}
      AND "minute" >= ${starts[6]} AND "minute" < ${new Date(starts[0].getTime() + HOUR_MS)}
      AND EXTRACT(HOUR FROM "minute") = ${new Date(hour).getUTCHours()}
    GROUP BY 1`);
  const byHour = new Map(rows.map((r) => [new Date(r.h).getTime(), parseUsd(r.cost)]));
  const costs = starts.map((s) => byHour.get(s.getTime()) ?? 0n);
  if (baselines.size > 10_000) baselines.clear();
  baselines.set(key, costs);
  return costs;
}

/**
 * Ingest hook: for each feature and recent minute (see detect.ts) this batch touched, compare the minute's cost
 * (MinuteRollup, already including the batch) with the baseline. A spike raises an anomaly
 * alert (one per feature and hour) and, when it is recent (within the policy's auto-clear
 * window of now), puts the feature into its fallback: the guardrail reads anomalyTrippedAt.
 */
export async function evaluateAnomalies(summary: IngestedSummary, now = new Date()): Promise<void> {
  const { organizationId } = summary;
  const touched = new Map<string, Set<number>>();
  const oldest = now.getTime() - LOOKBACK_MINUTES * MINUTE_MS;
  for (const e of summary.events) {
    const m = Math.floor(e.timestamp.getTime() / MINUTE_MS) * MINUTE_MS;
    if (m < oldest) continue;
    if (!touched.has(e.feature)) touched.set(e.feature, new Set());
    touched.get(e.feature)!.add(m);
  }
  for (const [feature, minutes] of touched) {
    const list = [...minutes]
      .sort((a, b) => b - a)
      .slice(0, 60)
      .map((m) => new Date(m));
    const rows = await db().minuteRollup.findMany({ where: { organizationId, feature, minute: { in: list } } });
    const policy = await db().guardrailPolicy.findUnique({ where: { organizationId_feature: { organizationId, feature } } });
    const fixed = policy?.baselineUsdPerMin ? parseUsd(policy.baselineUsdPerMin.toString()) : null;
    for (const r of rows) {
      const cost = parseUsd(r.costUsd.toString());
      const history = fixed === null ? await hourCosts(organizationId, feature, r.minute) : [];
      const baseline = baselinePerMinute(history, fixed);
      if (!isAnomalous(cost, baseline, r.events)) continue;
      const multiple = Number((cost * 100n) / baseline) / 100;
      const autoClear = policy?.autoClearMinutes ?? 60;
      const recent = now.getTime() - r.minute.getTime() < autoClear * MINUTE_MS;
      const hour = new Date(Math.floor(r.minute.getTime() / HOUR_MS) * HOUR_MS).toISOString();
      const evidence = {
        minute: r.minute.toISOString(),
        cost_usd: formatUsd6(cost),
        events: r.events,
        baseline_usd_per_min: formatUsd6(baseline),
        baseline: fixed === null ? "median of the same hour over the previous 7 days" : "fixed (guardrail policy)",
        same_hour_previous_days_usd: history.map(formatUsd6),
        multiple,
        kill_switch: recent ? "fallback engaged" : "not engaged (spike older than the auto-clear window)",
        last_anomalous_at: r.minute.toISOString(),
      };
      const res = await raiseAlert(organizationId, {
        kind: "anomaly",
        severity: "critical",
        feature,
        title: anomalyAlertTitle(feature, cost, multiple, baseline),
        evidence,
        dedupeKey: `anomaly:${feature}:${hour}`,
      });
      if (!res?.created) {
        // the same hour's alert exists: keep its evidence pointing at the latest spike minute
        await db().$executeRaw(Prisma.sql`
          UPDATE "Alert" SET "evidence" = jsonb_set(COALESCE("evidence", '{}'::jsonb), '{last_anomalous_at}', to_jsonb(${r.minute.toISOString()}::text))
          WHERE "organizationId" = ${organizationId} AND "dedupeKey" = ${`anomaly:${feature}:${hour}`}
            AND COALESCE("evidence"->>'last_anomalous_at', '') < ${r.minute.toISOString()}`);
      }
      if (recent) {
        const active = policy?.anomalyTrippedAt && (!policy.anomalyClearedAt || policy.anomalyClearedAt < policy.anomalyTrippedAt);
        if (!active) {
          await db().guardrailPolicy.upsert({
            where: { organizationId_feature: { organizationId, feature } },
            create: { organizationId, feature, anomalyTrippedAt: now },
            update: { anomalyTrippedAt: now },
          });
          onGuardrailRelevantWrite(organizationId);
        }
      }
    }
  }
}

/**
 * Auto-clear: a tripped feature whose latest anomalous minute is older than its policy's
 * autoClearMinutes has been normal that long: leave the fallback and resolve its alerts.
 */
export async function sweepAnomalyAutoClear(now = new Date()): Promise<number> {
  const tripped = await db().guardrailPolicy.findMany({ where: { anomalyTrippedAt: { not: null } }, take: 1000 });
  let cleared = 0;
  for (const p of tripped) {
    if (p.anomalyClearedAt && p.anomalyClearedAt >= p.anomalyTrippedAt!) continue;
    const alerts = await db().alert.findMany({
      where: { organizationId: p.organizationId, kind: "anomaly", feature: p.feature, state: { not: "resolved" } },
      select: { evidence: true },
    });
    let last = p.anomalyTrippedAt!.getTime();
    for (const a of alerts) {
      const t = Date.parse(((a.evidence ?? {}) as { last_anomalous_at?: string }).last_anomalous_at ?? "");
      if (Number.isFinite(t)) last = Math.max(last, t + MINUTE_MS);
    }
    if (now.getTime() - last >= p.autoClearMinutes * MINUTE_MS) {
      await clearAnomaly(p.organizationId, p.feature, null, `normal for ${p.autoClearMinutes} minutes`);
      cleared++;
    }
  }
  return cleared;
}
