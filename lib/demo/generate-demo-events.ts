import { Rng } from "./random";
import { DAY_MS as DAY } from "../time";

/**
 * 90 days (by default) of cost events in the v1 contract shape, deterministic for a given
 * end date and seed. Volumes: ~700 events a day across seven features. The story is in
 * ./demo-story.ts; the shapes that carry it are here.
 */
export type DemoEvent = Record<string, unknown> & { id: string; timestamp: string };

type Ctx = { rng: Rng; dayIndex: number; days: number; dayStart: number; out: DemoEvent[]; now: number };

/** Working-hours-weighted time of day (UTC), in ms since midnight. */
function timeOfDay(rng: Rng): number {
  const hour = rng.weighted([
    [2, 1],
    [5, 1],
    [7, 2],
    [8, 4],
    [9, 6],
    [10, 7],
    [11, 7],
    [12, 5],
    [13, 6],
    [14, 7],
    [15, 7],
    [16, 6],
    [17, 4],
    [19, 2],
    [21, 1],
  ] as const);
  return hour * 3_600_000 + rng.int(0, 3_599_999);
}

function push(ctx: Ctx, at: number, e: Omit<DemoEvent, "timestamp">) {
  if (at > ctx.now) return; // today's data stops at "now"
  ctx.out.push({ ...e, timestamp: new Date(at).toISOString() } as DemoEvent);
}

function tenantFor(rng: Rng, dayIndex: number, freeShare = 0.6) {
  const tier = rng.weighted([
    ["free", freeShare],
    ["pro", (1 - freeShare) * 0.75],
    ["enterprise", (1 - freeShare) * 0.25],
  ] as const);
  // free tenants sign up over time: tenant number grows with the day, so cohorts exist
  const id =
    tier === "free"
      ? `free-${String(rng.int(Math.max(0, dayIndex * 4 - 60), dayIndex * 4 + 20)).padStart(4, "0")}`
      : tier === "pro"
        ? `pro-${String(rng.int(1, 60)).padStart(3, "0")}`
        : `ent-${String(rng.int(1, 12)).padStart(2, "0")}`;
  return { id, tier };
}

function outcome(rng: Rng, success: number) {
  return rng.weighted([
    ["success", success],
    ["failure", (1 - success) * 0.4],
    ["abandoned", (1 - success) * 0.3],
    ["unknown", (1 - success) * 0.3],
  ] as const);
}

function supportChatbot(ctx: Ctx) {
  const { rng, dayIndex } = ctx;
  const sessions = rng.poisson(50 + dayIndex * 0.25);
  for (let s = 0; s < sessions; s++) {
    const tenant = tenantFor(rng, dayIndex);
    const turns = Math.min(40, Math.max(1, Math.round(rng.lognormal(3, 0.8))));
    let at = ctx.dayStart + timeOfDay(rng);
    const sid = `chat-${dayIndex}-${s}`;
    for (let t = 0; t < turns; t++) {
      const escalate = rng.chance(0.12);
      const model = escalate ? "gpt-4o-2024-08-06" : "gpt-4o-mini-2024-07-18";
      const input = 900 + 450 * t + rng.int(0, 400);
      // the v8 prompt (last 30 days) writes long answers: users stop a third of the streams
      const verbose = dayIndex >= ctx.days - 30;
      const output = verbose ? rng.int(400, 1100) : rng.int(120, 420);
      const aborted = rng.chance(verbose ? 0.33 : 0.05);
      push(ctx, at, {
        id: `demo-chat-${dayIndex}-${s}-${t}`,
        feature: "support_chatbot",
        team: "support",
        tenant,
        user_id: `${tenant.id}-u${rng.int(1, 5)}`,
        session_id: sid,
        provider: "openai",
        model,
        prompt: { template: "support_system", version: dayIndex >= ctx.days - 30 ? "v8" : dayIndex > 45 ? "v7" : "v6" },
        usage: { input_tokens: input, output_tokens: output, cached_input_tokens: t > 0 ? Math.floor(input * 0.5) : 0 },
        latency_ms: rng.int(600, 4200),
        outcome: outcome(rng, 0.8),
        ...(rng.chance(0.4) ? { correct: rng.chance(0.86) } : {}),
        streamed: true,
        aborted,
        delivered_output_tokens: aborted ? Math.floor(output * (0.2 + rng.next() * 0.5)) : output,
      });
      at += rng.int(20_000, 180_000);
    }
  }
}

/** The free cohort that falls into the freemium trap: power users on gpt-4o who signed up ~4 weeks ago. */
function freemiumCohort(ctx: Ctx) {
  const { rng, dayIndex, days } = ctx;
  const cohortStart = days - 27;
  if (dayIndex < cohortStart || dayIndex > cohortStart + 35) return;
  for (let c = 0; c < 14; c++) {
    if (!rng.chance(0.7)) continue;
    const tenant = { id: `free-trap-${String(c).padStart(2, "0")}`, tier: "free" };
    const sid = `trap-${dayIndex}-${c}`;
    let at = ctx.dayStart + timeOfDay(rng);
    const turns = rng.int(6, 16);
    for (let t = 0; t < turns; t++) {
      const input = 2500 + 900 * t;
      push(ctx, at, {
        id: `demo-trap-${dayIndex}-${c}-${t}`,
        feature: "support_chatbot",
        team: "support",
        tenant,
        user_id: `${tenant.id}-u1`,
        session_id: sid,
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        usage: { input_tokens: input, output_tokens: rng.int(300, 900), cached_input_tokens: 0 },
        latency_ms: rng.int(1500, 6000),
        outcome: outcome(rng, 0.7),
        streamed: true,
        aborted: false,
        delivered_output_tokens: undefined,
      });
      at += rng.int(30_000, 240_000);
    }
  }
}

function docAnalysis(ctx: Ctx) {
  const { rng, dayIndex } = ctx;
  // a three-week trial of claude-3-opus that was dropped: spend on a model nobody uses now
  const opusTrial = dayIndex >= ctx.days - 50 && dayIndex < ctx.days - 29;
  const docs = rng.poisson(22);
  for (let d = 0; d < docs; d++) {
    const tenant = tenantFor(rng, dayIndex, 0.1);
    const calls = rng.int(2, 4);
    const sid = `doc-${dayIndex}-${d}`;
    let at = ctx.dayStart + timeOfDay(rng);
    const size = Math.min(150_000, Math.round(rng.lognormal(28_000, 0.5)));
    for (let c = 0; c < calls; c++) {
      const callerPriced = rng.chance(0.05);
      push(ctx, at, {
        id: `demo-doc-${dayIndex}-${d}-${c}`,
        feature: "doc_analysis",
        team: "knowledge",
        tenant,
        user_id: `${tenant.id}-u${rng.int(1, 3)}`,
        session_id: sid,
        task_id: `contract-${dayIndex}-${d}`,
        provider: "anthropic",
        model: opusTrial && rng.chance(0.15) ? "claude-3-opus-20240229" : "claude-3-5-sonnet-20241022",
        prompt: { template: "contract_review", version: "v3" },
        usage: {
          input_tokens: size + rng.int(0, 2000),
          output_tokens: rng.int(600, 2200),
          cached_input_tokens: c > 0 ? Math.floor(size * 0.8) : 0,
          cache_write_tokens: c === 0 ? Math.floor(size * 0.8) : 0,
          wasted_tokens: Math.floor(size * 0.3),
        },
        ...(callerPriced ? { cost_usd: "0.120000" } : {}),
        latency_ms: rng.int(8000, 40000),
        outcome: c === calls - 1 ? outcome(rng, 0.9) : "success",
        ...(rng.chance(0.5) ? { correct: rng.chance(0.93) } : {}),
      });
      at += rng.int(30_000, 120_000);
    }
  }
}

function codeReviewAgent(ctx: Ctx) {
  const { rng, dayIndex, days } = ctx;
  const reviews = rng.poisson(14);
  // loops get more frequent in the last three weeks
  const loopChance = dayIndex > days - 21 ? 0.22 : 0.06;
  for (let r = 0; r < reviews; r++) {
    const loops = rng.chance(loopChance);
    const calls = loops ? rng.int(30, 80) : rng.int(3, 8);
    const sid = `pr-${dayIndex}-${r}`;
    let at = ctx.dayStart + timeOfDay(rng);
    let context = rng.int(2500, 5000);
    for (let c = 0; c < calls; c++) {
      push(ctx, at, {
        id: `demo-pr-${dayIndex}-${r}-${c}`,
        feature: "code_review_agent",
        team: "platform",
        user_id: `dev-${rng.int(1, 40)}`,
        session_id: sid,
        task_id: `PR-${1000 + dayIndex * 20 + r}`,
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        usage: { input_tokens: context, output_tokens: rng.int(150, 700), cached_input_tokens: Math.floor(context * 0.4) },
        latency_ms: rng.int(900, 5000),
        outcome: c === calls - 1 ? (loops ? outcome(rng, 0.45) : outcome(rng, 0.85)) : "success",
        ...(c === calls - 1 && rng.chance(0.6) ? { correct: rng.chance(loops ? 0.5 : 0.88) } : {}),
        metadata: { repo: rng.pick(["api", "web", "billing", "infra"]) },
      });
      context = Math.min(context + rng.int(200, 900), 30_000);
      at += rng.int(3_000, 20_000);
    }
  }
}

function emailDrafts(ctx: Ctx) {
  const { rng, dayIndex, days } = ctx;
  const activeUsers = Math.max(3, Math.round(40 - (36 * dayIndex) / days));
  for (let u = 0; u < activeUsers; u++) {
    push(ctx, ctx.dayStart + timeOfDay(rng), {
      id: `demo-email-user-${dayIndex}-${u}`,
      feature: "email_drafts",
      team: "growth",
      tenant: tenantFor(rng, dayIndex, 0.3),
      user_id: `marketer-${u}`,
      provider: "anthropic",
      model: "claude-3-5-haiku-20241022",
      usage: { input_tokens: rng.int(1500, 2500), output_tokens: rng.int(300, 600) },
      latency_ms: rng.int(900, 3000),
      outcome: outcome(rng, 0.75),
    });
  }
  // the nightly batch nobody turned off: same token volume every night, no user
  const batch = 70 - activeUsers;
  for (let b = 0; b < batch; b++) {
    push(ctx, ctx.dayStart + 2 * 3_600_000 + b * 20_000, {
      id: `demo-email-batch-${dayIndex}-${b}`,
      feature: "email_drafts",
      team: "growth",
      provider: "anthropic",
      model: "claude-3-5-haiku-20241022",
      usage: { input_tokens: rng.int(1800, 2400), output_tokens: rng.int(350, 550) },
      latency_ms: rng.int(900, 3000),
      outcome: "unknown",
    });
  }
}

function searchAnswers(ctx: Ctx) {
  const { rng, dayIndex, days } = ctx;
  const switched = dayIndex >= days - 30;
  const queries = rng.poisson(160 + dayIndex * 0.4);
  for (let q = 0; q < queries; q++) {
    const input = rng.int(2500, 5000);
    push(ctx, ctx.dayStart + timeOfDay(rng), {
      id: `demo-search-${dayIndex}-${q}`,
      feature: "search_answers",
      team: "growth",
      tenant: tenantFor(rng, dayIndex, 0.55),
      user_id: `searcher-${rng.int(1, 400)}`,
      provider: switched ? "openai" : "google",
      model: switched ? "gpt-4.1-mini-2025-04-14" : "gemini-1.5-flash-002",
      usage: {
        input_tokens: input,
        output_tokens: rng.int(80, 260),
        cached_input_tokens: Math.floor(input * (switched ? 0.08 : 0.62) * rng.next() * 1.6),
        grounding_tokens: rng.int(200, 800),
      },
      latency_ms: rng.int(300, 1800),
      outcome: outcome(rng, 0.88),
      ...(rng.chance(0.2) ? { correct: rng.chance(0.9) } : {}),
    });
  }
}

function meetingSummaries(ctx: Ctx) {
  const { rng, dayIndex } = ctx;
  if (new Date(ctx.dayStart).getUTCDay() % 6 === 0) return; // weekdays only
  const meetings = rng.poisson(18);
  for (let m = 0; m < meetings; m++) {
    const tenant = tenantFor(rng, dayIndex, 0);
    const sid = `mtg-${dayIndex}-${m}`;
    const at = ctx.dayStart + timeOfDay(rng);
    for (let c = 0; c < 2; c++) {
      const output = rng.int(1200, 3500);
      push(ctx, at + c * 40_000, {
        id: `demo-mtg-${dayIndex}-${m}-${c}`,
        feature: "meeting_summaries",
        team: "sales",
        tenant,
        user_id: `rep-${rng.int(1, 25)}`,
        session_id: sid,
        task_id: `meeting-${dayIndex}-${m}`,
        provider: "openai",
        model: "o1-mini-2024-09-12",
        usage: { input_tokens: rng.int(6000, 14000), output_tokens: output, reasoning_tokens: Math.floor(output * 0.6) },
        latency_ms: rng.int(4000, 20000),
        outcome: outcome(rng, 0.92),
        ...(rng.chance(0.5) ? { correct: rng.chance(0.9) } : {}),
      });
    }
  }
}

function internalTools(ctx: Ctx) {
  const { rng, dayIndex } = ctx;
  const n = rng.int(3, 8);
  for (let i = 0; i < n; i++) {
    push(ctx, ctx.dayStart + timeOfDay(rng), {
      id: `demo-internal-${dayIndex}-${i}`,
      feature: "internal_tools",
      team: "platform",
      user_id: `dev-${rng.int(1, 40)}`,
      provider: "self-hosted",
      model: "northwind-llama-3-70b-ft-2026-09",
      usage: { input_tokens: rng.int(800, 3000), output_tokens: rng.int(100, 500) },
      latency_ms: rng.int(400, 2500),
      outcome: outcome(rng, 0.8),
    });
  }
}

/**
 * Enterprise escalations on OpenAI priority processing (issue 23): from 45 days ago, a few
 * real-time calls a day ask for `service_tier: "priority"` and are priced at OpenAI's published
 * priority rates (lib/pricing/service-tiers.ts), not at standard ones. Last in GENERATORS, so
 * the other features' random draws are unchanged.
 */
function priorityEscalations(ctx: Ctx) {
  const { rng, dayIndex, days } = ctx;
  if (dayIndex < days - 45) return;
  const n = rng.int(4, 10);
  for (let i = 0; i < n; i++) {
    const tenant = { id: `ent-${String(rng.int(1, 12)).padStart(2, "0")}`, tier: "enterprise" };
    push(ctx, ctx.dayStart + timeOfDay(rng), {
      id: `demo-priority-${dayIndex}-${i}`,
      feature: "support_chatbot",
      team: "support",
      tenant,
      user_id: `${tenant.id}-u${rng.int(1, 5)}`,
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      service_tier: "priority",
      prompt: { template: "support_escalation", version: "v1" },
      usage: { input_tokens: rng.int(1800, 4200), output_tokens: rng.int(250, 800) },
      latency_ms: rng.int(400, 1500),
      outcome: outcome(rng, 0.9),
    });
  }
}

const GENERATORS = [
  supportChatbot,
  freemiumCohort,
  docAnalysis,
  codeReviewAgent,
  emailDrafts,
  searchAnswers,
  meetingSummaries,
  internalTools,
  priorityEscalations,
];

/**
 * Events for the `days` UTC days ending with the day of `now` (today's only up to `now`),
 * sorted by timestamp.
 */
export function generateDemoEvents(opts: { now: Date; days?: number; seed?: number }): DemoEvent[] {
  const days = opts.days ?? 90;
  const now = opts.now.getTime();
  const today = Math.floor(now / DAY) * DAY;
  const out: DemoEvent[] = [];
  for (let dayIndex = 0; dayIndex < days; dayIndex++) {
    const dayStart = today - (days - 1 - dayIndex) * DAY;
    // one stream per day, so changing one day's shape never reshuffles the others
    const rng = new Rng((opts.seed ?? 20261122) ^ (dayIndex * 2654435761));
    const ctx: Ctx = { rng, dayIndex, days, dayStart, out, now };
    for (const g of GENERATORS) g(ctx);
  }
  for (const e of out) {
    for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  }
  out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return out;
}
