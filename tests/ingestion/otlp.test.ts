import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { SpanStatusCode } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { useTestDatabase } from "../helpers/db";
import { orgWithIngestKey } from "../helpers/org-with-key";
import { db } from "@/lib/db";
import { POST } from "@/app/api/v1/otlp/v1/traces/route";
import { verifyRollups } from "@/lib/rollups/verify-rollups";

/**
 * The real OpenTelemetry JS SDK and its OTLP/HTTP exporters (JSON and protobuf) send to the
 * route handler, served by a small node:http server that wraps it (no Next server needed:
 * the handler is the same function Next calls).
 */
useTestDatabase();

let server: http.Server;
let url = "";
let orgId = "";
let key = "";
const statuses: number[] = [];

beforeAll(async () => {
  ({ orgId, key } = await orgWithIngestKey("otlp-org", "OTLP", "otel"));
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const out = await POST(new NextRequest(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }), {
      params: Promise.resolve({}),
    });
    statuses.push(out.status);
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/otlp/v1/traces`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

async function sendSpans(kind: "json" | "proto", tag: string) {
  const opts = { url, headers: { Authorization: `Bearer ${key}` } };
  const exporter = kind === "json" ? new JsonExporter(opts) : new ProtoExporter(opts);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      "service.name": "support-bot",
      "spendline.team": "support",
      "deployment.environment.name": "production",
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("otlp-test");
  const t0 = new Date("2025-04-10T09:00:00Z");
  const llm = tracer.startSpan(`chat ${tag}`, {
    startTime: t0,
    attributes: {
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-05-13",
      "gen_ai.usage.input_tokens": 1000, // includes the 400 cached: never subtract twice
      "gen_ai.usage.output_tokens": 200,
      "gen_ai.usage.cache_read.input_tokens": 400,
      "gen_ai.usage.reasoning.output_tokens": 50,
      "gen_ai.conversation.id": `conv-${tag}`,
      "spendline.feature": "support_chat",
      "spendline.tenant.id": "acme",
      "spendline.tenant.tier": "pro",
      "user.id": "u-1",
    },
  });
  llm.setStatus({ code: SpanStatusCode.OK });
  llm.end(new Date(t0.getTime() + 1500));
  const failed = tracer.startSpan(`anthropic ${tag}`, {
    startTime: new Date(t0.getTime() + 2000),
    attributes: {
      "gen_ai.system": "anthropic",
      "gen_ai.request.model": "claude-3-5-sonnet-20241022",
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 0,
    },
  });
  failed.setStatus({ code: SpanStatusCode.ERROR });
  failed.end(new Date(t0.getTime() + 2100));
  tracer.startSpan(`GET /health ${tag}`).end(); // not a model call: ignored
  await provider.forceFlush();
  await provider.shutdown();
}

describe.each(["json", "proto"] as const)("OTLP/HTTP %s exporter", (kind) => {
  test("GenAI spans become priced cost events", async () => {
    statuses.length = 0;
    await sendSpans(kind, kind);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const rows = await db().costEvent.findMany({
      where: { organizationId: orgId, sessionId: `conv-${kind}` },
    });
    expect(rows).toHaveLength(1);
    const e = rows[0];
    expect(e.eventId).toMatch(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/);
    expect(e).toMatchObject({
      feature: "support_chat",
      team: "support",
      environment: "prod",
      tenantId: "acme",
      tenantTier: "pro",
      userId: "u-1",
      provider: "openai",
      model: "gpt-4o-2024-05-13",
      inputTokens: 1000,
      cachedInputTokens: 400,
      outputTokens: 200,
      reasoningTokens: 50,
      outcome: "success",
      latencyMs: 1500,
      source: "otlp",
      costSource: "catalog",
    });
    expect(e.timestamp.toISOString()).toBe("2025-04-10T09:00:00.000Z");
    // gpt-4o-2024-05-13: $5/M input (no separate cached rate: cached billed at input), $15/M output
    expect(e.costUsd.toFixed(12)).toBe("0.008000000000");
    const failed = await db().costEvent.findMany({
      where: { organizationId: orgId, feature: "support-bot", model: "claude-3-5-sonnet-20241022", source: "otlp" },
    });
    expect(failed.some((f) => f.outcome === "failure" && f.provider === "anthropic")).toBe(true);
  });
});

test("re-exported spans count once; rollups match", async () => {
  const before = await db().costEvent.count({ where: { organizationId: orgId } });
  expect(before).toBe(4);
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: "0af7651916cd43dd8448eb211c80319c",
                spanId: "b7ad6b7169203331",
                name: "chat",
                startTimeUnixNano: "1744275600000000000",
                endTimeUnixNano: "1744275601000000000",
                attributes: [
                  { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "12" } },
                  { key: "gen_ai.usage.output_tokens", value: { intValue: 3 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  for (let i = 0; i < 2; i++) {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }
  expect(await db().costEvent.count({ where: { organizationId: orgId } })).toBe(5);
  expect(await verifyRollups(orgId)).toEqual([]);
  const bad = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-protobuf" },
    body: new Uint8Array([0xff, 0xff, 0xff]),
  });
  expect(bad.status).toBe(400);
  const wrongType = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: "x",
  });
  expect(wrongType.status).toBe(415);
  const noKey = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(noKey.status).toBe(401);
});
