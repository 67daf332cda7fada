import "server-only";
import { db, Prisma } from "../db";
import { priceEvent } from "../pricing/price-event";
import { rebuildRollups } from "../rollups/rebuild-rollups";
import { ensureEventPartitions, monthOf } from "../storage/partitions";
import { createDemoOrganization } from "./seed-demo";
import { DEMO_FEATURES } from "./demo-story";
import { DAY_MS } from "../time";

/**
 * `demo seed --events N`: the demo organisation with N events generated straight into the
 * database by SQL (generate_series), not through the HTTP path, then its rollups built from
 * the raw events by the rollup rebuild. The shapes of the normal demo where they are cheap:
 * the seven features and their teams, models and token sizes; heavy-tailed (log-normal)
 * conversations and agent loops; free / pro / enterprise tenants with free sign-up cohorts;
 * growing volume; working hours; the v8 prompt's aborted streams; the search model switch
 * and its cache collapse; an unpriced self-hosted model. Deterministic for a given N and day.
 */
export type LargeSeedProgress = { phase: "events" | "rollups" | "done"; done: number; total: number; elapsedMs: number };

/** Per-feature session shape: share of sessions, log-normal calls per session (median e^mu), cap. */
const SHAPES: Record<string, { share: number; mu: number; sigma: number; cap: number; inp: [number, number]; out: [number, number] }> = {
  support_chatbot: { share: 0.16, mu: 1.6, sigma: 0.9, cap: 60, inp: [900, 6000], out: [120, 1100] },
  doc_analysis: { share: 0.05, mu: 0.9, sigma: 0.5, cap: 12, inp: [20000, 90000], out: [800, 2500] },
  code_review_agent: { share: 0.04, mu: 1.8, sigma: 1.0, cap: 80, inp: [3000, 12000], out: [200, 1500] },
  email_drafts: { share: 0.12, mu: 0, sigma: 0, cap: 1, inp: [1500, 3500], out: [200, 600] },
  search_answers: { share: 0.5, mu: 0, sigma: 0, cap: 1, inp: [2500, 6000], out: [80, 300] },
  meeting_summaries: { share: 0.05, mu: 0.5, sigma: 0.4, cap: 4, inp: [8000, 20000], out: [600, 1600] },
  internal_tools: { share: 0.08, mu: 0, sigma: 0, cap: 1, inp: [500, 3000], out: [50, 500] },
};

/** [provider, model] per feature; index 1 where the feature has an alternative (see the SQL). */
const MODELS: Record<string, [string, string][]> = {
  support_chatbot: [
    ["openai", "gpt-4o-mini-2024-07-18"],
    ["openai", "gpt-4o-2024-08-06"],
  ],
  doc_analysis: [
    ["anthropic", "claude-3-5-sonnet-20241022"],
    ["anthropic", "claude-3-opus-20240229"],
  ],
  code_review_agent: [
    ["openai", "gpt-4o-2024-08-06"],
    ["openai", "gpt-4o-mini-2024-07-18"],
  ],
  email_drafts: [["anthropic", "claude-3-5-haiku-20241022"]],
  search_answers: [
    ["google", "gemini-1.5-flash-002"],
    ["openai", "gpt-4.1-mini-2025-04-14"],
  ],
  meeting_summaries: [["openai", "o1-mini-2024-09-12"]],
  internal_tools: [["self-hosted", "northwind-llama-3-70b-ft-2026-09"]],
};

/** Per-token rates in USD from the price book (catalog), as exact decimals; null: unpriced. */
function ratesFor(provider: string, model: string, at: Date) {
  const M = 1_000_000;
  const price = (input: number, output: number, cached: number) =>
    priceEvent(
      {
        provider,
        model,
        timestamp: at,
        costUsd: null,
        inputTokens: input,
        outputTokens: output,
        cachedInputTokens: cached,
        cacheWriteTokens: 0,
      },
      [],
    );
  const base = price(M, 0, 0);
  if (base.unpriced) return null;
  // picodollars per million tokens → USD per token: divide by 10^18, exactly (string arithmetic)
  const perToken = (pico: bigint) => {
    const d = pico.toString().padStart(19, "0");
    return `${d.slice(0, -18)}.${d.slice(-18)}`;
  };
  return { input: perToken(base.costPico), output: perToken(price(0, M, 0).costPico), cached: perToken(price(M, 0, M).costPico) };
}

export async function seedLargeDemo(opts: {
  events: number;
  days?: number;
  now?: Date;
  force?: boolean;
  onProgress?: (p: LargeSeedProgress) => void;
}): Promise<{ skipped: boolean; organizationId: string; events: number; ms: number; rollupMs: number }> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const days = opts.days ?? 90;
  const target = opts.events;
  const org = await createDemoOrganization({ now, force: opts.force });
  if (!org.created) return { skipped: true, organizationId: org.id, events: 0, ms: 0, rollupMs: 0 };

  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days + 1));
  const months = new Set<string>();
  for (let t = start.getTime(); t <= now.getTime() + DAY_MS; t += DAY_MS) months.add(monthOf(new Date(t)));
  await ensureEventPartitions(months);

  const features = DEMO_FEATURES.map((f) => f.name).filter((n) => SHAPES[n]);
  const owner = Object.fromEntries(DEMO_FEATURES.map((f) => [f.name, f.ownerTeam]));
  // feature table: index, name, team, cumulative share, session shape, models and their rates
  const rateRows: Prisma.Sql[] = [];
  let cum = 0;
  const featRows = features.map((name, i) => {
    cum += SHAPES[name].share;
    const s = SHAPES[name];
    MODELS[name].forEach(([provider, model], alt) => {
      const r = ratesFor(provider, model, now);
      rateRows.push(
        Prisma.sql`(${i}::int, ${alt}::int, ${provider}::text, ${model}::text, ${r?.input ?? "0"}::numeric, ${r?.output ?? "0"}::numeric, ${r?.cached ?? "0"}::numeric, ${r === null}::boolean)`,
      );
    });
    return Prisma.sql`(${i}::int, ${name}::text, ${owner[name]}::text, ${cum}::float8, ${s.mu}::float8, ${s.sigma}::float8, ${s.cap}::int, ${s.inp[0]}::int, ${s.inp[1]}::int, ${s.out[0]}::int, ${s.out[1]}::int)`;
  });
  const meanCalls =
    features.reduce((a, n) => a + SHAPES[n].share * Math.min(SHAPES[n].cap, Math.exp(SHAPES[n].mu + SHAPES[n].sigma ** 2 / 2)), 0) / cum;
  // tenants scale with the size: ~1 free sign-up per 250 events a day, paying tenants fewer
  const freePerDay = Math.max(4, Math.round(target / days / 250));
  const pro = Math.max(60, Math.round(target / 20_000));
  const ent = Math.max(12, Math.round(target / 200_000));
  const chunkSessions = Math.max(20_000, Math.round(Math.max(100_000, target / 40) / meanCalls));

  let inserted = 0;
  let sessionFrom = 0;
  while (inserted < target) {
    const remaining = target - inserted;
    const sql = Prisma.sql`
WITH feat(fi, name, team, cum, mu, sigma, cap, in_lo, in_hi, out_lo, out_hi) AS (VALUES ${Prisma.join(featRows)}),
rate(fi, alt, provider, model, r_in, r_out, r_cached, unpriced) AS (VALUES ${Prisma.join(rateRows)}),
s AS (
  SELECT sn,
    -- independent uniforms in [0, 1) from multiplicative hashes of the session number
    ((sn * 2654435761 + 12345) % 4294967296) / 4294967296.0 AS u1,
    ((sn * 2246822519 + 374761393) % 4294967296) / 4294967296.0 AS u2,
    ((sn * 3266489917 + 668265263) % 4294967296) / 4294967296.0 AS u3,
    ((sn * 1597334677 + 2869860233) % 4294967296) / 4294967296.0 AS u4,
    ((sn * 2654435769 + 1013904223) % 4294967296) / 4294967296.0 AS u5
  FROM generate_series(${sessionFrom}::bigint, ${sessionFrom + chunkSessions - 1}::bigint) AS sn
),
s2 AS (
  SELECT s.*, f.*,
    -- volume grows over the window: day density rises linearly (sqrt of a uniform)
    LEAST(${days - 1}, floor(${days} * sqrt(u2)))::int AS di,
    -- working hours: a weighted pick of the hour of day
    (ARRAY[2,5,7,7,8,8,8,8,9,9,9,9,9,9,10,10,10,10,10,10,10,11,11,11,11,11,11,11,12,12,12,12,12,13,13,13,13,13,13,14,14,14,14,14,14,14,15,15,15,15,15,15,15,16,16,16,16,16,16,17,17,17,17,19,19,21])[1 + floor(u3 * 66)::int] AS hr,
    -- heavy tail: log-normal calls per session (Box-Muller normal from u4, u5)
    GREATEST(1, LEAST(f.cap, round(exp(f.mu + f.sigma * sqrt(-2 * ln(GREATEST(u4, 1e-12))) * cos(2 * pi() * u5)))))::int AS calls,
    CASE WHEN u3 * 1000 % 1 < 0.6 THEN 'free' WHEN u3 * 1000 % 1 < 0.9 THEN 'pro' ELSE 'enterprise' END AS tier
  FROM s JOIN LATERAL (SELECT * FROM feat WHERE feat.cum > s.u1 * ${cum}::float8 ORDER BY feat.cum LIMIT 1) f ON true
),
ev AS (
  SELECT s2.*, t, r.provider, r.model, r.r_in, r.r_out, r.r_cached, r.unpriced,
    (${start}::timestamp + di * interval '1 day' + hr * interval '1 hour' + floor(u5 * 3600) * interval '1 second'
      + t * (20 + (sn + t * 7) % 160) * interval '1 second') AS ts,
    ((sn * 40503 + t * 2246822519) % 4294967296) / 4294967296.0 AS v,
    (in_lo + ((sn * 7919 + t * 104729) % (in_hi - in_lo)))::int AS inp,
    (out_lo + ((sn * 104723 + t * 7907) % (out_hi - out_lo)))::int AS outp,
    CASE tier WHEN 'free' THEN 'free-' || lpad((di * ${freePerDay} + floor(u4 * ${freePerDay} * 3))::int::text, 5, '0')
      WHEN 'pro' THEN 'pro-' || lpad((1 + sn % ${pro})::text, 4, '0') ELSE 'ent-' || lpad((1 + sn % ${ent})::text, 3, '0') END AS tenant
  FROM s2 CROSS JOIN LATERAL generate_series(0, s2.calls - 1) AS t
  JOIN rate r ON r.fi = s2.fi AND r.alt = CASE
    WHEN s2.name = 'support_chatbot' AND ((sn + t) * 2654435761) % 100 < 12 THEN 1                 -- escalations to gpt-4o
    WHEN s2.name = 'doc_analysis' AND di BETWEEN ${Math.floor(days / 3)} AND ${Math.floor(days / 3) + 20} AND u3 < 0.15 THEN 1  -- dropped opus trial
    WHEN s2.name = 'code_review_agent' AND t >= 6 AND u2 > 0.5 THEN 1                              -- loops fall back to mini
    WHEN s2.name = 'search_answers' AND di >= ${days - 30} THEN 1                                   -- the model switch
    ELSE 0 END
),
rows AS (
  SELECT 'big-' || sn || '-' || t AS "eventId", ts, name AS feature, team,
    CASE WHEN u5 < 0.95 THEN 'prod' WHEN u5 < 0.99 THEN 'staging' ELSE 'dev' END AS environment,
    tenant, tier, tenant || '-u' || (1 + sn % 5) AS "userId",
    CASE WHEN cap > 1 THEN 'big-s' || sn END AS "sessionId",
    CASE WHEN name = 'code_review_agent' THEN 'big-task-' || sn END AS "taskId",
    provider, model, inp, outp,
    (CASE WHEN name = 'support_chatbot' AND t > 0 THEN inp / 2
          WHEN name = 'search_answers' THEN (CASE WHEN di >= ${days - 30} THEN inp / 20 ELSE inp * 6 / 10 END)
          ELSE 0 END)::int AS cached,
    r_in, r_out, r_cached, unpriced,
    CASE WHEN v < 0.8 THEN 'success' WHEN v < 0.88 THEN 'failure' WHEN v < 0.94 THEN 'abandoned' ELSE 'unknown' END AS outcome,
    CASE WHEN (v * 100) % 1 < 0.4 THEN (v * 10000) % 1 < 0.86 END AS correct,
    CASE WHEN name = 'support_chatbot' THEN true END AS streamed,
    CASE WHEN name = 'support_chatbot' THEN (v * 1000) % 1 < (CASE WHEN di >= ${days - 30} THEN 0.33 ELSE 0.05 END) END AS aborted,
    CASE WHEN name = 'support_chatbot' AND di >= ${days - 30} THEN 'v8' WHEN name = 'support_chatbot' THEN 'v7' END AS pv,
    (300 + (sn * 31 + t * 17) % 4000)::int AS latency
  FROM ev WHERE ts <= ${now}
  LIMIT ${remaining}
),
keys AS (
  INSERT INTO "CostEventKey" ("organizationId", "eventId", "timestamp") SELECT ${org.id}, "eventId", ts FROM rows
)
INSERT INTO "CostEvent" ("organizationId", "eventId", "timestamp", "receivedAt", feature, team, environment, "tenantId",
  "tenantTier", "userId", "sessionId", "taskId", provider, model, "promptTemplate", "promptVersion", "inputTokens",
  "outputTokens", "cachedInputTokens", "costUsd", "catalogCostUsd", "costSource", unpriced, "latencyMs", outcome,
  correct, streamed, aborted, "deliveredOutputTokens", source)
SELECT ${org.id}, "eventId", ts, ts + interval '2 seconds', feature, team, environment, tenant, tier, "userId", "sessionId",
  "taskId", provider, model, CASE WHEN pv IS NOT NULL THEN 'support_system' END, pv, inp, outp, cached,
  round((inp - cached) * r_in + cached * r_cached + outp * r_out, 12),
  CASE WHEN unpriced THEN NULL ELSE round((inp - cached) * r_in + cached * r_cached + outp * r_out, 12) END,
  CASE WHEN unpriced THEN 'unpriced' ELSE 'catalog' END, unpriced, latency, outcome, correct, streamed, aborted,
  CASE WHEN aborted THEN outp / 2 WHEN streamed THEN outp END, 'demo'
FROM rows`;
    const n = await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        return tx.$executeRaw(sql);
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
    inserted += n;
    sessionFrom += chunkSessions;
    opts.onProgress?.({ phase: "events", done: inserted, total: target, elapsedMs: Date.now() - started });
    if (n === 0) break; // every generated event lies after `now` (cannot happen with days ≥ 1)
  }

  // tenants (the freemium page's first/last event) and the rollups, from the raw events
  await db().$executeRaw`
    INSERT INTO "Tenant" ("organizationId", "externalId", tier, "firstEventAt", "lastEventAt")
    SELECT ${org.id}, "tenantId", (array_agg("tenantTier" ORDER BY "timestamp" DESC))[1], min("timestamp"), max("timestamp")
    FROM "CostEvent" WHERE "organizationId" = ${org.id} AND "tenantId" IS NOT NULL GROUP BY "tenantId"`;
  await db().$executeRaw`ANALYZE "CostEvent"`;
  opts.onProgress?.({ phase: "rollups", done: inserted, total: target, elapsedMs: Date.now() - started });
  const r0 = Date.now();
  await rebuildRollups(org.id);
  const rollupMs = Date.now() - r0;
  await db().$executeRaw`ANALYZE`;
  opts.onProgress?.({ phase: "done", done: inserted, total: target, elapsedMs: Date.now() - started });
  return { skipped: false, organizationId: org.id, events: inserted, ms: Date.now() - started, rollupMs };
}
