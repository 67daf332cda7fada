import { db, Prisma } from "../lib/db";
import { insertBatchSql, type EventRow } from "../lib/ingestion/ingest-sql";
import { ingestEvents } from "../lib/ingestion/ingest-events";
const FEATURES = ["chatbot_v2", "doc_analysis", "search_answers", "code_review", "summarize", "classify", "translate", "agent_loop", "email_draft", "sql_copilot", "rag_qa", "onboarding"];
const MODELS = ["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "claude-3-5-sonnet-20241022", "claude-3-5-haiku-20241022"];
let s = 42;
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const start = Date.now() - 30 * 86_400_000;
function batch(b: number) {
  return Array.from({ length: 1000 }, (_, k) => {
    const i = b * 1000 + k;
    const input = 200 + Math.floor(rnd() * 8000);
    return { id: `p-${i}`, timestamp: new Date(start + Math.floor(rnd() * 30 * 86_400_000)).toISOString(), feature: FEATURES[i % 12],
      environment: rnd() < 0.9 ? "prod" : "staging", tenant: { id: `tenant-${Math.floor(rnd() * 5000)}`, tier: ["free", "pro", "enterprise"][Math.floor(rnd() * 3)] },
      user_id: `user-${Math.floor(rnd() * 20000)}`, session_id: `sess-${Math.floor(i / 4)}`, ...(rnd() < 0.2 ? { task_id: `task-${Math.floor(i / 10)}` } : {}),
      provider: "openai", model: MODELS[Math.floor(rnd() * 4)], usage: { input_tokens: input, output_tokens: Math.floor(rnd() * 1200) }, outcome: "success" };
  });
}
const org = await db().organization.upsert({ where: { slug: "prof" }, create: { slug: "prof", name: "prof" }, update: {} });
const N = Number(process.env.BATCHES ?? 20);
const t0 = performance.now();
for (let b = 0; b < N; b++) {
  const t = performance.now();
  await ingestEvents(org.id, batch(b + Number(process.env.OFFSET ?? 0)));
  if (b % 5 === 4) console.log(`batch ${b}: ${(performance.now() - t).toFixed(0)} ms`);
}
console.log(`total ${(performance.now() - t0).toFixed(0)} ms for ${N} batches, ${(N * 1000 / ((performance.now() - t0) / 1000)).toFixed(0)} ev/s`);
process.exit(0);
