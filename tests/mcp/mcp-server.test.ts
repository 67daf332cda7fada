import { describe, expect, test, beforeAll } from "vitest";
import { NextRequest } from "next/server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { createApiKey } from "@/lib/auth/api-keys";
import { POST, GET, DELETE } from "@/app/api/mcp/route";

useTestDatabase();

const URL_ = "http://spendline.test/api/mcp";
const handlers = { POST, GET, DELETE } as const;

/** The SDK's own client, its fetch pointed at the route handler (no network, same code path as Next). */
function routeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const req = new NextRequest(input instanceof Request ? input : new Request(input, init));
  const h = handlers[req.method as keyof typeof handlers];
  return h(req);
}

async function connect(key: string) {
  const client = new Client({ name: "spendline-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(URL_), { fetch: routeFetch, requestInit: { headers: { Authorization: `Bearer ${key}` } } }),
  );
  return client;
}

const json = (r: Record<string, unknown>) => JSON.parse((r.content as { text: string }[])[0].text);
let orgId = "";
let readKey = "";
let ingestKey = "";

beforeAll(async () => {
  const seeded = await seedDemo({ days: 35 });
  orgId = seeded.organizationId;
  readKey = (await createApiKey({ organizationId: orgId, name: "assistant", scopes: ["read"], createdById: null })).key;
  ingestKey = (await createApiKey({ organizationId: orgId, name: "app", scopes: ["ingest"], createdById: null })).key;
}, 300_000);

describe("MCP server on the demo data, through the SDK client", () => {
  test("lists the read tools and the one draft tool", async () => {
    const client = await connect(readKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "create_policy_draft",
      "get_anomaly_evidence",
      "get_chargeback",
      "get_coding_agents",
      "get_shadow_ai_summary",
      "get_spend",
      "get_top_movers",
      "list_opportunities",
    ]);
    expect(tools.find((t) => t.name === "get_spend")!.annotations?.readOnlyHint).toBe(true);
    await client.close();
  });

  test("calls every tool", async () => {
    const client = await connect(readKey);
    const month = new Date().toISOString().slice(0, 7);

    const spend = json(await client.callTool({ name: "get_spend", arguments: { dimension: "team" } }));
    expect(spend.rows.map((r: { team: string }) => r.team)).toEqual(
      expect.arrayContaining(["support", "knowledge", "platform", "growth", "sales"]),
    );
    expect(Number(spend.total_usd)).toBeGreaterThan(100);
    const byModel = json(await client.callTool({ name: "get_spend", arguments: { dimension: "model", feature: "support_chatbot" } }));
    expect(byModel.rows.map((r: { model: string }) => r.model).sort()).toEqual(["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"]);

    const movers = json(await client.callTool({ name: "get_top_movers", arguments: { month } }));
    expect(movers.movers.map((m: { dimension: string }) => m.dimension)).toEqual(["team", "feature", "model"]);
    expect(movers.drivers.length).toBeGreaterThan(0);

    const anomalies = json(await client.callTool({ name: "get_anomaly_evidence", arguments: {} }));
    expect(Array.isArray(anomalies.anomalies)).toBe(true);
    const missing = await client.callTool({ name: "get_anomaly_evidence", arguments: { alert_id: "nope" } });
    expect(missing.isError).toBe(true);

    const cb = json(await client.callTool({ name: "get_chargeback", arguments: { month } }));
    expect(cb.month).toBe(month);
    expect(Number(cb.total_usd)).toBeGreaterThan(0);

    const agents = json(await client.callTool({ name: "get_coding_agents", arguments: { month } }));
    expect(agents.totals.seats).toBe(8);
    expect(agents.findings.length).toBe(3);
    const shadow = json(await client.callTool({ name: "get_shadow_ai_summary", arguments: { month } }));
    expect(Number(shadow.totals.unsanctioned_usd)).toBeGreaterThan(0);
    expect(JSON.stringify(shadow)).not.toContain("@northwind.dev");

    const opps = json(await client.callTool({ name: "list_opportunities", arguments: {} }));
    expect(opps.opportunities.length).toBeGreaterThanOrEqual(5);
    const kinds = new Set(opps.opportunities.map((o: { kind: string }) => o.kind));
    for (const k of ["model_switch", "agentic_loop", "freemium_throttle", "zombie", "prompt_caching"]) expect(kinds).toContain(k);
    // the reasons read as sentences: every figure they quote exists (the zombie's used to read "undefined → undefined")
    for (const o of opps.opportunities as { id: string; basis: string[] }[]) {
      for (const line of o.basis) expect(line, o.id).not.toMatch(/undefined|NaN/);
    }
    const zombie = opps.opportunities.find((o: { kind: string }) => o.kind === "zombie");
    expect(zombie.basis[0]).toMatch(/weekly active users [\d.]+ → [\d.]+ while/);
    const top = opps.opportunities[0];

    const before = await db().guardrailPolicy.findMany({ where: { organizationId: orgId }, orderBy: { feature: "asc" } });
    const draft = json(
      await client.callTool({ name: "create_policy_draft", arguments: { opportunity_id: top.id, note: "proposed by the test assistant" } }),
    );
    expect(draft).toMatchObject({ status: "draft", opportunity_id: top.id, created_by: "API key assistant (assistant)", decided_by: null });
    // drafting applies nothing
    expect(await db().guardrailPolicy.findMany({ where: { organizationId: orgId }, orderBy: { feature: "asc" } })).toEqual(before);
    await client.close();
  }, 120_000);

  test("refuses a key without the read scope, and no key", async () => {
    await expect(connect(ingestKey)).rejects.toThrow(/403|read scope/);
    const res = await POST(new NextRequest(URL_, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(res.status).toBe(401);
  });

  test("bodies are bounded: a declared 200 MB body is refused before the key is looked up, a streamed one at 1 MiB", async () => {
    const big = await POST(
      new NextRequest(URL_, {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
      }),
    );
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/1 MiB/);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 50 * 1024 * 1024) return c.close();
        pulled += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const streamed = await POST(
      new NextRequest(URL_, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { authorization: `Bearer ${readKey}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      } as unknown as ConstructorParameters<typeof NextRequest>[1]),
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });
});
