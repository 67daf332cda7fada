/**
 * The ingest benchmarks' events (scripts/bench-ingest.ts, scripts/cluster/bench-ingest-cluster.ts):
 * N events with ids bench-0 … bench-(N-1) over the last 30 days, in JSON batches of B, from a
 * fixed seed (the same events on every run).
 */
import { DAY_MS } from "../lib/time";

const FEATURES = [
  "chatbot_v2",
  "doc_analysis",
  "search_answers",
  "code_review",
  "summarize",
  "classify",
  "translate",
  "agent_loop",
  "email_draft",
  "sql_copilot",
  "rag_qa",
  "onboarding",
];
const MODELS: [string, string][] = [
  ["openai", "gpt-4o-2024-08-06"],
  ["openai", "gpt-4o-mini-2024-07-18"],
  ["anthropic", "claude-3-5-sonnet-20241022"],
  ["anthropic", "claude-3-5-haiku-20241022"],
  ["google", "gemini-1.5-flash"],
  ["openai", "gpt-4.1-mini-2025-04-14"],
  ["mistral", "mistral-large-latest"],
  ["self-hosted", "llama-internal-70b"],
];
const TIERS = ["free", "pro", "enterprise"];

export function makeBatches(N: number, B: number): string[] {
  let s = 42;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = Date.now() - 30 * DAY_MS;
  const batches: string[] = [];
  for (let b = 0; b < Math.ceil(N / B); b++) {
    const evs = [];
    for (let k = 0; k < B && b * B + k < N; k++) {
      const i = b * B + k;
      const [provider, model] = MODELS[Math.floor(rnd() * MODELS.length)];
      const input = 200 + Math.floor(rnd() * 8000);
      evs.push({
        id: `bench-${i}`,
        timestamp: new Date(start + Math.floor(rnd() * 30 * DAY_MS)).toISOString(),
        feature: FEATURES[i % FEATURES.length],
        environment: rnd() < 0.9 ? "prod" : "staging",
        tenant: { id: `tenant-${Math.floor(rnd() * 5000)}`, tier: TIERS[Math.floor(rnd() * 3)] },
        user_id: `user-${Math.floor(rnd() * 20000)}`,
        session_id: `sess-${Math.floor(i / 4)}`,
        ...(rnd() < 0.2 ? { task_id: `task-${Math.floor(i / 10)}` } : {}),
        provider,
        model,
        usage: { input_tokens: input, output_tokens: Math.floor(rnd() * 1200), cached_input_tokens: Math.floor(rnd() * input * 0.5) },
        latency_ms: 200 + Math.floor(rnd() * 4000),
        outcome: rnd() < 0.85 ? "success" : "failure",
        ...(rnd() < 0.3 ? { correct: rnd() < 0.8 } : {}),
      });
    }
    batches.push(JSON.stringify(evs));
  }
  return batches;
}

/** Interpolated percentile p (0–100) of xs. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
};

export type PostResult = {
  wallS: number;
  latencies: number[];
  statuses: Record<string, number>;
  accepted: number;
  duplicates: number;
  rejected: number;
};

/** POSTs the batches to url from `concurrency` clients, timing each batch. */
export async function postBatches(
  url: string,
  headers: Record<string, string>,
  batches: string[],
  concurrency: number,
): Promise<PostResult> {
  const out: PostResult = { wallS: 0, latencies: [], statuses: {}, accepted: 0, duplicates: 0, rejected: 0 };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const body = batches[next++];
        const s = performance.now();
        const r = await fetch(url, { method: "POST", headers, body });
        const j = (await r.json().catch(() => ({}))) as { accepted?: number; duplicates?: number; rejected?: unknown[] };
        out.latencies.push(performance.now() - s);
        out.statuses[r.status] = (out.statuses[r.status] ?? 0) + 1;
        out.accepted += j.accepted ?? 0;
        out.duplicates += j.duplicates ?? 0;
        out.rejected += j.rejected?.length ?? 0;
      }
    }),
  );
  out.wallS = (performance.now() - t0) / 1000;
  return out;
}
