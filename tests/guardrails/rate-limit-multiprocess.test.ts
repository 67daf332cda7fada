import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSpendline, type Spendline } from "@/packages/sdk/src/index";
import { useTestDatabase } from "../helpers/db";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { upsertBudget } from "@/lib/budgets/manage-budgets";

/**
 * A tenant rate limit (decision 049: a hard budget of 50 requests per rolling 24 h for tenant
 * "acme") enforced by two Spendline processes on one PostgreSQL and an SDK at once: together
 * they allow exactly the 40 requests left in the window, never one more; HTTP checks past
 * the limit answer 429 with Retry-After; another tenant is not limited.
 */
const PG = !!process.env.DATABASE_URL;
const PORTS = [3290, 3291];
useTestDatabase();

let servers: ServerProcess[] = [];
let urls: string[] = [];
let key = "";
let orgId = "";
let sdk: Spendline | null = null;

beforeAll(async () => {
  if (!PG) return;
  orgId = (await createOrganization("rl-org", "Rate limits")).id;
  key = (await issueApiKey(orgId, { name: "app", scopes: ["ingest"] }, { userId: null, apiKeyId: null })).key;
  const now = Date.now();
  // 10 requests of acme in the last 24 h, and one 25 h ago (outside the window)
  await ingestEvents(orgId, [
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `seed-${i}`,
      timestamp: new Date(now - 3_600_000 - i * 1000).toISOString(),
      feature: "chat",
      team: "support",
      model: "gpt-4o-mini",
      tenant: { id: "acme", tier: "pro" },
      usage: { input_tokens: 10, output_tokens: 1 },
      cost_usd: "0.01",
    })),
    {
      id: "seed-old",
      timestamp: new Date(now - 25 * 3_600_000).toISOString(),
      feature: "chat",
      team: "support",
      model: "gpt-4o-mini",
      tenant: { id: "acme", tier: "pro" },
      usage: { input_tokens: 10, output_tokens: 1 },
      cost_usd: "0.01",
    },
  ]);
  await upsertBudget(
    orgId,
    { scope: "tenant", scope_ref: "acme", unit: "requests", window: "24h", limit: "50", mode: "hard", thresholds: [100] },
    { userId: null, apiKeyId: null },
  );
  servers = PORTS.map((port) => startServerProcess(port, process.env));
  urls = await Promise.all(servers.map((s) => s.url));
}, 120_000);

afterAll(async () => {
  await sdk?.shutdown({ timeoutMs: 2000 });
  for (const s of servers) s.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
});

const post = (url: string, p: string, body: unknown) =>
  fetch(url + p, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.skipIf(!PG)("a tenant rate limit across two Spendline processes and an SDK", () => {
  test("exactly the 40 requests left in the 24 h window are allowed; then 429 with Retry-After", async () => {
    sdk = createSpendline({
      url: urls[0],
      apiKey: key,
      defaults: { feature: "chat", team: "support" },
      flushIntervalMs: 50,
      failOpen: false,
      onError: () => undefined,
    });
    let allowed = 0;
    let n = 0;
    const retryAfters: number[] = [];
    const odd: string[] = [];
    const deadline = Date.now() + 40_000;
    const STOP = 15;
    const sdkWorker = async () => {
      let streak = 0;
      while (Date.now() < deadline && streak < STOP) {
        const d = await sdk!.guard({ model: "gpt-4o-mini", tenant: { id: "acme", tier: "pro" } });
        if (d.decision === "allow") {
          if (d.reason !== "within budgets and guardrails") odd.push(d.reason);
          allowed++;
          streak = 0;
          sdk!.track({
            id: `rl-s-${++n}`,
            model: "gpt-4o-mini",
            tenant: { id: "acme", tier: "pro" },
            usage: { input_tokens: 1, output_tokens: 1 },
            cost_usd: "0.01",
          });
        } else {
          streak++;
          if (d.retryAfter !== undefined) retryAfters.push(d.retryAfter);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    let status429 = 0;
    const httpWorker = async (url: string) => {
      let streak = 0;
      while (Date.now() < deadline && streak < STOP) {
        const res = await post(url, "/api/v1/guardrails/check", {
          feature: "chat",
          model: "gpt-4o-mini",
          tenant: { id: "acme", tier: "pro" },
        });
        const d = (await res.json()) as { decision: string; retry_after?: number };
        if (d.decision === "allow") {
          expect(res.status).toBe(200);
          allowed++;
          streak = 0;
          await post(url, "/api/v1/events", [
            {
              id: `rl-h-${++n}`,
              timestamp: new Date().toISOString(),
              feature: "chat",
              team: "support",
              model: "gpt-4o-mini",
              tenant: { id: "acme", tier: "pro" },
              usage: { input_tokens: 1, output_tokens: 1 },
              cost_usd: "0.01",
            },
          ]);
        } else {
          streak++;
          expect(res.status).toBe(429);
          status429++;
          expect(Number(res.headers.get("retry-after"))).toBe(d.retry_after);
          retryAfters.push(d.retry_after!);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    await Promise.all([sdkWorker(), httpWorker(urls[0]), httpWorker(urls[1]), httpWorker(urls[1])]);
    await sdk.flush();
    expect(odd).toEqual([]);
    // no overshoot: the 10 seeded + what was allowed ≤ 50; and the limit was used (leases released within their TTL)
    expect(allowed).toBeLessThanOrEqual(40);
    expect(allowed).toBeGreaterThanOrEqual(30);
    expect(status429).toBeGreaterThan(0);
    // the oldest seeded request leaves the window in about 23 h
    for (const r of retryAfters) expect(r).toBeGreaterThan(0);
    expect(Math.max(...retryAfters)).toBeGreaterThan(22 * 3600);
    const [row] = await db().$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*)::bigint AS n FROM "CostEvent" WHERE "organizationId" = ${orgId} AND "tenantId" = 'acme' AND "timestamp" > now() - interval '24 hours'`;
    expect(Number(row.n)).toBeLessThanOrEqual(50);
    // another tenant is not limited
    const other = await post(urls[1], "/api/v1/guardrails/check", { feature: "chat", model: "gpt-4o-mini", tenant: { id: "globex" } });
    expect(other.status).toBe(200);
    expect(((await other.json()) as { decision: string }).decision).toBe("allow");
  }, 90_000);
});
