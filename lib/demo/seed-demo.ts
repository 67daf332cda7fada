import "server-only";
import { db } from "../db";
import { sqlIdent } from "../db/ident";
import { hashPassword } from "../auth/password";
import { ingestEvents } from "../ingestion/ingest-events";
import { rebuildRollups } from "../rollups/rebuild-rollups";
import { receiveDelayMs } from "./receive-delay";
import { generateDemoEvents } from "./generate-demo-events";
import { seedBillingDemo } from "./seed-billing";
import { seedAgentsDemo } from "./seed-agents";
import { ITEM_IDS } from "../assessment/items";
import { levelFor, scoreAnswers } from "../assessment/score";
import { DEMO_FEATURES, DEMO_ORG, DEMO_PASSWORD, DEMO_TEAMS, DEMO_TIERS, DEMO_USERS } from "./demo-story";

export type SeedResult = { skipped: boolean; organizationId: string; events: number; ms: number };

/** Tables keyed by organizationId without a foreign key to Organization (events, rollups…). */
const ORG_TABLES = [
  "CostEvent",
  "CostEventKey",
  "DailyRollup",
  "FeatureModelDailyRollup",
  "InteractionRollup",
  "TenantDailyRollup",
  "TaskRollup",
  "MinuteRollup",
  "Tenant",
  "TenantCohortDay",
  "TenantCohortPart",
  "TenantWindowRank",
  "PriceOverride",
  "BackgroundJob",
  "FixedCost",
  "ChargebackPeriod",
  "Budget",
  "GuardrailPolicy",
  "GuardrailDecision",
  "Alert",
  "WebhookEndpoint",
  "WebhookDelivery",
  "Assessment",
  "AuditLog",
  // lib/billing
  "BillingAccount",
  "BillingImport",
  "InvoiceLine",
  "InvoiceTrueUp",
  "Commitment",
  "Quota",
  "ProvisionedCapacity",
  // lib/fx
  "FxRate",
  // lib/opportunities
  "PolicyDraft",
  // lib/coding-agents, lib/shadow-ai
  "AgentImport",
  "AgentUsageLine",
  "AgentPersonTeam",
  "AgentConnector",
  "AgentOutcome",
  "ShadowImport",
  "ShadowSpendLine",
  "ShadowRule",
] as const;

async function wipe(organizationId: string) {
  for (const table of ORG_TABLES) {
    await db().$executeRaw`DELETE FROM ${sqlIdent(table)} WHERE "organizationId" = ${organizationId}`;
  }
  await db().organization.delete({ where: { id: organizationId } });
}

/**
 * Seeds the demo organisation once (re-running is a no-op unless `force`): users for each
 * role, teams, features with their settings, tiers, shared costs, budgets, guardrail
 * fallbacks and `days` of events ending `now`, ingested through the real ingestion path.
 */
export async function seedDemo(opts: {
  now?: Date;
  days?: number;
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<SeedResult> {
  const started = Date.now();
  const org = await createDemoOrganization(opts);
  if (!org.created) return { skipped: true, organizationId: org.id, events: 0, ms: Date.now() - started };

  // ingestion runs the same reactions as on the server: budget thresholds and anomalies raise their alerts
  const events = generateDemoEvents({ now: opts.now ?? new Date(), days: opts.days ?? 90 });
  const BATCH = 1000;
  let stored = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const res = await ingestEvents(org.id, events.slice(i, i + BATCH), { source: "demo" });
    if (res.rejected.length) {
      throw new Error(`demo event rejected: ${JSON.stringify(res.rejected[0])}`);
    }
    stored += res.accepted;
    opts.onProgress?.(Math.min(i + BATCH, events.length), events.length);
  }
  await seedReceiveTimes(
    org.id,
    events.map((e) => e.id),
  );
  await seedBillingDemo(org.id, opts.now ?? new Date());
  await seedAgentsDemo(org.id, opts.now ?? new Date());
  return { skipped: false, organizationId: org.id, events: stored, ms: Date.now() - started };
}

/**
 * The demo organisation without its events: users for each role, teams, features, tiers,
 * guardrail fallbacks, shared costs, budgets, assessment history. `created: false` when it
 * already exists and `force` is not set; with `force` an existing one is wiped first.
 */
export async function createDemoOrganization(opts: { now?: Date; force?: boolean }): Promise<{ id: string; created: boolean }> {
  const existing = await db().organization.findUnique({ where: { slug: DEMO_ORG.slug } });
  if (existing && !opts.force) return { id: existing.id, created: false };
  if (existing) await wipe(existing.id);

  const org = await db().organization.create({ data: { ...DEMO_ORG, chargebackMode: "CHARGEBACK" } });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const user = await db().user.upsert({
      where: { email: u.email },
      update: { passwordHash, name: u.name },
      create: { email: u.email, name: u.name, passwordHash },
    });
    await db().membership.create({ data: { organizationId: org.id, userId: user.id, role: u.role, teamName: u.team } });
  }
  await db().team.createMany({ data: DEMO_TEAMS.map((name) => ({ organizationId: org.id, name })) });
  await db().feature.createMany({
    data: DEMO_FEATURES.map((f) => ({
      organizationId: org.id,
      name: f.name,
      displayName: f.displayName,
      ownerTeam: f.ownerTeam,
      unitOfValue: f.unitOfValue,
      valuePerUnitUsd: f.valuePerUnitUsd,
      valueMethod: f.valueMethod,
      designTokensPerRequest: f.designTokensPerRequest,
      designCallsPerRequest: f.designCallsPerRequest,
      ...(f.reviewThresholdUsd ? { reviewThresholdUsd: f.reviewThresholdUsd } : {}),
    })),
  });
  await db().tier.createMany({ data: DEMO_TIERS.map((t) => ({ organizationId: org.id, ...t })) });
  await db().guardrailPolicy.createMany({
    data: DEMO_FEATURES.filter((f) => f.fallbackModel).map((f) => ({
      organizationId: org.id,
      feature: f.name,
      fallbackAction: "downgrade",
      fallbackModel: f.fallbackModel,
    })),
  });
  await seedCostsAndBudgets(org.id, opts.now ?? new Date());
  await seedAssessmentHistory(org.id, opts.now ?? new Date());
  return { id: org.id, created: true };
}

/**
 * The demo is loaded in one go, so every event was "received" at seed time (weeks late):
 * freshness would read hundreds of hours. Give each event the receive time a live exporter
 * would have (receiveDelayMs after its timestamp, never in the future), then rebuild the
 * rollups that carry the freshness sums.
 */
async function seedReceiveTimes(organizationId: string, ids: string[]) {
  const CHUNK = 5000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const delays = part.map((id) => receiveDelayMs(id));
    await db().$executeRaw`
      UPDATE "CostEvent" e SET "receivedAt" = LEAST(e."timestamp" + make_interval(secs => v.ms / 1000.0), e."receivedAt")
      FROM unnest(${part}::text[], ${delays}::int[]) AS v(id, ms)
      WHERE e."organizationId" = ${organizationId} AND e."eventId" = v.id`;
  }
  await rebuildRollups(organizationId);
}

function monthStart(d: Date, offset = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

/** The enterprise tenant the demo rate-limits (requests per rolling 24 h). */
export const DEMO_RATE_LIMITED_TENANT = "ent-03";

async function seedCostsAndBudgets(organizationId: string, now: Date) {
  const fixed = [];
  // the last four months, so every chargeback month in the demo window has shared costs
  for (let m = -3; m <= 0; m++) {
    const start = monthStart(now, m);
    const end = monthStart(now, m + 1);
    const rows = [
      {
        name: "Vector database (managed)",
        category: "vector_index",
        amountUsd: "180.00",
        allocationRule: "proportional",
        allocation: undefined,
      },
      {
        name: "Reserved GPU — self-hosted Llama",
        category: "gpu_reservation",
        amountUsd: "420.00",
        allocationRule: "direct",
        allocation: { team: "platform" },
      },
      { name: "LLM gateway & observability", category: "harness", amountUsd: "60.00", allocationRule: "even", allocation: undefined },
      {
        name: "Eval & red-team harness",
        category: "harness",
        amountUsd: "90.00",
        allocationRule: "percentages",
        allocation: { percentages: { support: "40", knowledge: "35", platform: "25" } },
      },
    ];
    fixed.push(...rows.map((f) => ({ ...f, organizationId, periodStart: start, periodEnd: end })));
  }
  await db().fixedCost.createMany({ data: fixed });
  await db().budget.createMany({
    data: [
      { organizationId, scope: "org", scopeRef: "", monthlyLimitUsd: "450", mode: "soft" },
      { organizationId, scope: "team", scopeRef: "support", monthlyLimitUsd: "60", mode: "soft" },
      { organizationId, scope: "team", scopeRef: "platform", monthlyLimitUsd: "140", mode: "soft" },
      {
        organizationId,
        scope: "feature",
        scopeRef: "code_review_agent",
        monthlyLimitUsd: "150",
        mode: "hard",
        fallbackModel: "gpt-4o-mini-2024-07-18",
      },
      { organizationId, scope: "feature", scopeRef: "doc_analysis", monthlyLimitUsd: "200", mode: "soft" },
      // a tenant rate limit (decision 049): requests over a rolling 24 h ending now, counted × 10^12 like
      // picodollars. The window moves with the clock the demo was seeded at (events end at `now`), so
      // the golden file, which fakes the clock (tests/api/demo-json.test.ts), reads the same use
      {
        organizationId,
        scope: "tenant",
        scopeRef: DEMO_RATE_LIMITED_TENANT,
        unit: "requests",
        window: "24h",
        // ent-03 makes 2 requests in the demo's last 24 h: the limit shows close to reached (67 %)
        monthlyLimitUsd: "3",
        mode: "hard",
        thresholds: [80, 100],
      },
    ],
  });
}

/**
 * Past readiness assessments, so the history shows progress over quarters: how many of the
 * 13 items (in the spec's order) each team answered "yes", three and six months ago, and the
 * organisation as a whole.
 */
async function seedAssessmentHistory(organizationId: string, now: Date) {
  const lead = await db().user.findUnique({ where: { email: "lead@demo.spendline.dev" } });
  const finance = await db().user.findUnique({ where: { email: "finance@demo.spendline.dev" } });
  const history: [string | null, number, number][] = [
    // team, months ago, items answered yes (first n of the 13)
    ["support", 6, 2],
    ["support", 3, 5],
    ["knowledge", 6, 3],
    ["knowledge", 3, 6],
    ["platform", 3, 4],
    ["growth", 3, 2],
    [null, 6, 3],
    [null, 3, 5],
  ];
  await db().assessment.createMany({
    data: history.map(([team, monthsAgo, yes]) => {
      const answers = Object.fromEntries(ITEM_IDS.map((id, i) => [id, i < yes]));
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 15, 10));
      const score = scoreAnswers(answers);
      return {
        organizationId,
        team,
        status: "submitted",
        answers,
        score,
        level: levelFor(score),
        createdById: (team === "support" ? lead?.id : finance?.id) ?? null,
        createdAt: at,
        submittedAt: at,
      };
    }),
  });
}
