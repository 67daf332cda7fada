import { afterAll, beforeAll, expect, test } from "vitest";
import * as openaiModule from "openai";
import OpenAI from "openai";
import { context, metrics, propagation, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { useTestDatabase } from "../helpers/db";
import { orgWithIngestKey } from "../helpers/org-with-key";
import { startRouteServer, type RouteServer } from "../helpers/route-server";
import { OPENAI_USAGE, startProviderStub } from "./provider-stub";
import { db } from "@/lib/db";

/**
 * The no-code path: spans from the official @opentelemetry/instrumentation-openai (which
 * emits only gen_ai.* on the model-call span, no cached or reasoning tokens) exported over
 * OTLP/protobuf to Spendline. Attribution set on a parent span ends up on the event.
 */
useTestDatabase();

let server: RouteServer;
let stub: Awaited<ReturnType<typeof startProviderStub>>;
let provider: BasicTracerProvider;
let orgId = "";

beforeAll(async () => {
  const { orgId: id, key } = await orgWithIngestKey("otel-inst", "OTel", "otel");
  orgId = id;
  server = await startRouteServer();
  stub = await startProviderStub();
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "shop-assistant", "deployment.environment.name": "production" }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${server.url}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ${key}` } }),
      ),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  // vitest loads openai as an ES module, which the require hook does not see: apply the
  // instrumentation's own patch to the module, as its loader hook would
  const inst = new OpenAIInstrumentation();
  inst.setTracerProvider(provider);
  inst.setMeterProvider(metrics.getMeterProvider()); // metrics off (no-op meter); creates its instruments
  for (const def of inst.getModuleDefinitions()) def.patch?.(openaiModule as never, "6.0.0");
});

afterAll(async () => {
  await provider.shutdown();
  await server.close();
  await stub.close();
  trace.disable();
  context.disable();
  propagation.disable();
});

test("instrumentation-openai spans, attribution on a parent span → an attributed event with the span's usage", async () => {
  const client = new OpenAI({ apiKey: "sk-test", baseURL: `${stub.url}/v1`, maxRetries: 0 });
  const tracer = trace.getTracer("app");
  await tracer.startActiveSpan(
    "POST /chat",
    {
      attributes: {
        "spendline.feature": "product_qa",
        "spendline.team": "growth",
        "spendline.tenant.id": "acme",
        "spendline.tenant.tier": "pro",
        "user.id": "u-7",
        "gen_ai.conversation.id": "conv-42",
      },
    },
    async (parent) => {
      await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
      // a streamed call without include_usage: the span has no usage
      const s = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stream: true });
      for await (const _ of s) void _;
      parent.end();
    },
  );
  await provider.forceFlush();

  const rows = await db().costEvent.findMany({ where: { organizationId: orgId }, orderBy: { timestamp: "asc" } });
  expect(rows).toHaveLength(2);
  for (const e of rows) {
    expect(e).toMatchObject({
      feature: "product_qa",
      team: "growth",
      tenantId: "acme",
      tenantTier: "pro",
      userId: "u-7",
      sessionId: "conv-42",
      environment: "prod",
      provider: "openai",
      source: "otlp",
    });
    expect(e.eventId).toMatch(/^otel:/);
  }
  const json = rows.find((r) => !r.usageMissing)!;
  // the instrumentation sends input and output only: no cached or reasoning tokens (the SDK path has them)
  expect(json).toMatchObject({
    model: "gpt-4o-2025-01-31",
    inputTokens: OPENAI_USAGE.prompt_tokens,
    outputTokens: OPENAI_USAGE.completion_tokens,
    cachedInputTokens: 0,
    outcome: "success",
  });
  const streamed = rows.find((r) => r.usageMissing)!;
  expect(streamed).toMatchObject({ inputTokens: 0, outputTokens: 0, usageMissing: true });
});
