import { db } from "../lib/db";
import { insertBatchSql, type EventRow } from "../lib/ingestion/ingest-sql";
let s = 7;
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const start = Date.now() - 30 * 86_400_000;
const rows: EventRow[] = Array.from({ length: 1000 }, (_, k) => ({
  eventId: `x-${Date.now()}-${k}`, ts: new Date(start + Math.floor(rnd() * 30 * 86_400_000)).toISOString().slice(0, 23), feature: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"][k % 12],
  team: null, environment: "prod", tenantId: `tenant-${Math.floor(rnd() * 5000)}`, tenantTier: "free", userId: `user-${Math.floor(rnd() * 20000)}`,
  sessionId: `sx-${Date.now()}-${Math.floor(k / 4)}`, taskId: rnd() < 0.2 ? `tx-${Math.floor(k / 10)}` : null, provider: "openai", model: "gpt-4o-mini-2024-07-18",
  modality: "text", promptTemplate: null, promptVersion: null, inputTokens: 100, outputTokens: 50, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0,
  groundingTokens: 0, wastedTokens: 0, costUsd: (rnd() / 10).toFixed(12), catalogCostUsd: null, costSource: "caller", unpriced: false, latencyMs: 100, outcome: "success",
  correct: null, streamed: null, aborted: null, deliveredOutputTokens: null, metadata: null,
}));
const org = await db().organization.findUniqueOrThrow({ where: { slug: "prof" } });
const q = insertBatchSql(org.id, rows, "api", new Date());
const out = await db().$transaction(async (tx) => {
  const r = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + q.text, ...q.values);
  throw Object.assign(new Error("rollback"), { r });
}).catch((e) => { if (!e.r) console.error(e); return e.r; });
console.log(out.map((x: { "QUERY PLAN": string }) => x["QUERY PLAN"]).join("\n"));
process.exit(0);
