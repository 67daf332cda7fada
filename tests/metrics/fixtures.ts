import { DAY_MS } from "../../lib/time";
/**
 * A deterministic event set for the read-API tests (fixed dates, a small LCG): three features,
 * two teams, free/pro tenants, sessions, tasks, correctness, streaming. Costs are given
 * (cost_usd) so the expected figures do not depend on the catalog.
 */
export function makeEvents(n = 600, start = Date.UTC(2026, 0, 1)) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const features = ["chatbot_v2", "doc_analysis", "search"] as const;
  const models = ["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "claude-3-5-sonnet-20241022"] as const;
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const feature = pick(features);
    const t = start + Math.floor(rnd() * 45 * DAY_MS);
    const tenantNo = Math.floor(rnd() * 12);
    const tier = tenantNo < 8 ? "free" : "pro";
    const cost = (Math.floor(rnd() * 250_000) / 1_000_000 + (feature === "doc_analysis" ? 0.08 : 0)).toFixed(6);
    const streamed = rnd() < 0.3;
    const out = 50 + Math.floor(rnd() * 800);
    events.push({
      id: `e-${i}`,
      timestamp: new Date(t).toISOString(),
      feature,
      team: feature === "search" ? "platform" : "support",
      environment: rnd() < 0.9 ? "prod" : "staging",
      tenant: { id: `t-${tenantNo}`, tier },
      user_id: `u-${Math.floor(rnd() * 20)}`,
      ...(rnd() < 0.8 ? { session_id: `s-${Math.floor(rnd() * 150)}` } : {}),
      ...(rnd() < 0.5 ? { task_id: `task-${Math.floor(rnd() * 60)}` } : {}),
      model: pick(models),
      usage: { input_tokens: 200 + Math.floor(rnd() * 3000), output_tokens: out, cached_input_tokens: Math.floor(rnd() * 150) },
      cost_usd: cost,
      outcome: pick(["success", "success", "failure", "unknown"] as const),
      ...(rnd() < 0.6 ? { correct: rnd() < 0.75 } : {}),
      ...(streamed ? { streamed: true, aborted: rnd() < 0.2, delivered_output_tokens: Math.floor(out * (0.5 + rnd() / 2)) } : {}),
    });
  }
  return events;
}
