import { afterAll, beforeAll, describe, expect, test } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { createSpendline, type Spendline } from "@/packages/sdk/src/index";
import { useTestDatabase } from "../helpers/db";
import { orgWithIngestKey } from "../helpers/org-with-key";
import { startRouteServer, type RouteServer } from "../helpers/route-server";
import { ANTHROPIC_USAGE, OPENAI_USAGE, RESPONSES_USAGE, startProviderStub } from "./provider-stub";
import { db } from "@/lib/db";

/**
 * The real `openai` and `@anthropic-ai/sdk` clients, wrapped by the SDK, against a local
 * stub answering like the providers; the SDK sends to Spendline's real route handlers. The
 * events stored must carry the stub's usage exactly.
 */
useTestDatabase();

let spendline: Spendline;
let server: RouteServer;
let stub: Awaited<ReturnType<typeof startProviderStub>>;
let openai: OpenAI;
let anthropic: Anthropic;
let orgId = "";
let key = "";
const errors: string[] = [];

beforeAll(async () => {
  ({ orgId, key } = await orgWithIngestKey("sdk-org", "SDK", "app"));
  server = await startRouteServer();
  stub = await startProviderStub();
  spendline = createSpendline({
    url: server.url,
    apiKey: key,
    defaults: { feature: "support_chat", team: "support", environment: "prod" },
    flushIntervalMs: 50,
    onError: (e) => errors.push(e.message),
  });
  openai = spendline.wrapOpenAI(new OpenAI({ apiKey: "sk-test", baseURL: `${stub.url}/v1`, maxRetries: 0 }));
  anthropic = spendline.wrapAnthropic(new Anthropic({ apiKey: "sk-ant-test", baseURL: stub.url, maxRetries: 0 }));
});

afterAll(async () => {
  await spendline.shutdown();
  await server.close();
  await stub.close();
});

const bySession = async (sessionId: string) => {
  await spendline.flush();
  return db().costEvent.findMany({ where: { organizationId: orgId, sessionId } });
};

const drain = async (stream: unknown) => {
  let n = 0;
  for await (const chunk of stream as AsyncIterable<unknown>) if (chunk) n++;
  return n;
};

describe("service tier from the response", () => {
  test.each([
    ["OpenAI JSON, priority asked and served", "tier-oa-json", false, "openai", "priority", "priority"],
    ["OpenAI stream, flex", "tier-oa-stream", true, "openai", "flex", "flex"],
    ["OpenAI without a tier: the response's default is standard", "tier-oa-none", false, "openai", undefined, "standard"],
    ["Anthropic JSON, auto served by Priority Tier (usage.service_tier)", "tier-an-json", false, "anthropic", "auto", "priority"],
    ["Anthropic stream, standard_only", "tier-an-stream", true, "anthropic", "standard_only", "standard"],
  ])("%s", async (_n, sessionId, stream, provider, tier, stored) => {
    const body = { ...(tier ? { service_tier: tier } : {}), ...(stream ? { stream: true } : {}) };
    const opts = { spendline: { sessionId } } as never;
    if (provider === "openai") {
      const r = await openai.chat.completions.create(
        { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], ...body } as never,
        opts,
      );
      if (stream) await drain(r);
    } else {
      const r = await anthropic.messages.create(
        { model: "claude-3-7-sonnet", max_tokens: 10, messages: [{ role: "user", content: "hi" }], ...body } as never,
        opts,
      );
      if (stream) await drain(r);
    }
    const [e] = await bySession(sessionId);
    expect(e.serviceTier).toBe(stored);
  });
});

describe("wrapOpenAI", () => {
  test("chat completion (JSON): usage with cached and reasoning tokens, model version, attribution per call", async () => {
    const r = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }, {
      spendline: { sessionId: "oa-json", tenant: { id: "acme", tier: "pro" }, prompt: { template: "greet", version: "v2" } },
    } as never);
    expect(r.choices[0].message.content).toBe("hello");
    const [e] = await bySession("oa-json");
    expect(e).toMatchObject({
      feature: "support_chat",
      team: "support",
      environment: "prod",
      tenantId: "acme",
      tenantTier: "pro",
      promptTemplate: "greet",
      promptVersion: "v2",
      provider: "openai",
      model: "gpt-4o-2025-01-31",
      inputTokens: OPENAI_USAGE.prompt_tokens,
      outputTokens: OPENAI_USAGE.completion_tokens,
      cachedInputTokens: OPENAI_USAGE.prompt_tokens_details.cached_tokens,
      reasoningTokens: OPENAI_USAGE.completion_tokens_details.reasoning_tokens,
      outcome: "success",
      streamed: false,
      usageMissing: false,
      source: "api",
    });
    expect(e.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test("chat completion (stream): usage requested automatically; withAttribution carries through awaits", async () => {
    await spendline.withAttribution({ sessionId: "oa-stream", tenant: { id: "beta" } }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      const stream = await openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
      });
      let text = "";
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? "";
      expect(text).toBe("tok0 tok1 tok2 tok3 tok4 ");
    });
    expect(stub.calls.at(-1)!.body.stream_options).toEqual({ include_usage: true });
    const [e] = await bySession("oa-stream");
    expect(e).toMatchObject({
      tenantId: "beta",
      model: "gpt-4o-mini-2025-01-31",
      inputTokens: 1200,
      outputTokens: 340,
      cachedInputTokens: 1024,
      reasoningTokens: 128,
      streamed: true,
      aborted: false,
      deliveredOutputTokens: 340,
      outcome: "success",
      usageMissing: false,
    });
  });

  test("responses API, JSON and streamed", async () => {
    await spendline.withAttribution({ sessionId: "oa-resp" }, async () => {
      await openai.responses.create({ model: "o4-mini", input: "hi" });
      const s = await openai.responses.create({ model: "o4-mini", input: "hi", stream: true });
      for await (const _ of s) void _;
    });
    const rows = await bySession("oa-resp");
    expect(rows).toHaveLength(2);
    for (const e of rows) {
      expect(e).toMatchObject({
        model: "o4-mini-2025-04-16",
        inputTokens: RESPONSES_USAGE.input_tokens,
        outputTokens: RESPONSES_USAGE.output_tokens,
        cachedInputTokens: 512,
        reasoningTokens: 64,
        outcome: "success",
      });
    }
  });

  test("a cancelled stream records what was delivered, aborted, flagged 'no usage reported' (never a silent zero)", async () => {
    await spendline.withAttribution({ sessionId: "oa-cancel" }, async () => {
      const stream = await openai.chat.completions.create({
        model: "gpt-4o",
        messages: [{ role: "user", content: "long" }],
        stream: true,
        metadata: { slow: "1" },
      });
      const seen: unknown[] = [];
      for await (const chunk of stream) if (seen.push(chunk) === 2) break;
    });
    const [e] = await bySession("oa-cancel");
    expect(e).toMatchObject({
      streamed: true,
      aborted: true,
      outcome: "abandoned",
      deliveredOutputTokens: 2,
      outputTokens: 2,
      usageMissing: true,
    });
  });

  test("a provider error is a failure that cost nothing; the error reaches the application unchanged", async () => {
    const bad = spendline.wrapOpenAI(new OpenAI({ apiKey: "x", baseURL: `${stub.url}/nope`, maxRetries: 0 }));
    await expect(
      spendline.withAttribution({ sessionId: "oa-fail" }, () => bad.chat.completions.create({ model: "gpt-4o", messages: [] })),
    ).rejects.toMatchObject({ status: 404 });
    const [e] = await bySession("oa-fail");
    expect(e).toMatchObject({ outcome: "failure", inputTokens: 0, outputTokens: 0, usageMissing: false });
  });
});

describe("wrapAnthropic", () => {
  const expected = {
    provider: "anthropic",
    model: "claude-3-7-sonnet-20250219",
    // Anthropic's input_tokens exclude cache reads and writes; Spendline's include them
    inputTokens: ANTHROPIC_USAGE.input_tokens + ANTHROPIC_USAGE.cache_read_input_tokens + ANTHROPIC_USAGE.cache_creation_input_tokens,
    cachedInputTokens: ANTHROPIC_USAGE.cache_read_input_tokens,
    cacheWriteTokens: ANTHROPIC_USAGE.cache_creation_input_tokens,
    outputTokens: ANTHROPIC_USAGE.output_tokens,
    outcome: "success",
    usageMissing: false,
  };

  test("messages (JSON), messages (stream: true) and the messages.stream() helper", async () => {
    await spendline.withAttribution({ sessionId: "an-all" }, async () => {
      await anthropic.messages.create({ model: "claude-3-7-sonnet", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
      const s = await anthropic.messages.create({
        model: "claude-3-7-sonnet",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
        stream: true,
      });
      for await (const _ of s) void _;
      const helper = anthropic.messages.stream({
        model: "claude-3-7-sonnet",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      });
      const final = await helper.finalMessage();
      expect(final.usage.output_tokens).toBe(420);
    });
    const rows = await bySession("an-all");
    expect(rows).toHaveLength(3);
    for (const e of rows) expect(e).toMatchObject(expected);
    expect(rows.filter((r) => r.streamed)).toHaveLength(2);
  });

  test("a cancelled stream: input known from message_start, delivered output, aborted and flagged", async () => {
    await spendline.withAttribution({ sessionId: "an-cancel" }, async () => {
      const s = await anthropic.messages.create({
        model: "claude-3-7-sonnet",
        max_tokens: 100,
        messages: [{ role: "user", content: "x" }],
        stream: true,
        metadata: { slow: "1" } as never,
      });
      let deltas = 0;
      for await (const ev of s) if (ev.type === "content_block_delta" && ++deltas === 3) break;
    });
    const [e] = await bySession("an-cancel");
    expect(e).toMatchObject({
      inputTokens: expected.inputTokens,
      cachedInputTokens: 2000,
      outputTokens: 3,
      deliveredOutputTokens: 3,
      aborted: true,
      outcome: "abandoned",
      usageMissing: true,
    });
  });
});

test("Spendline down and back while the SDK buffers, with a lost response: every event stored exactly once", async () => {
  const port = server.port;
  const sdk = createSpendline({
    url: server.url,
    apiKey: key,
    defaults: { feature: "buffered" },
    flushIntervalMs: 20,
    retryBaseMs: 50,
    retryCapMs: 400,
    maxAttempts: 50,
    onError: () => undefined,
  });
  const track = (i: number) =>
    sdk.track({ id: `buf-${i}`, model: "gpt-4o-mini", usage: { input_tokens: 10, output_tokens: 1 }, session_id: "buffered" });
  for (let i = 0; i < 100; i++) track(i);
  await sdk.flush();
  server.faults.dropEventResponses = 1; // stored, but the answer is lost: the SDK retries the same ids
  for (let i = 100; i < 200; i++) track(i);
  await sdk.flush();
  await server.close(); // killed
  for (let i = 200; i < 700; i++) track(i);
  const pending = sdk.flush();
  await new Promise((r) => setTimeout(r, 800));
  server = await startRouteServer(port); // restarted on the same address
  await pending;
  await sdk.shutdown();
  const rows = await db().costEvent.findMany({ where: { organizationId: orgId, feature: "buffered" }, select: { eventId: true } });
  expect(rows).toHaveLength(700);
  expect(new Set(rows.map((r) => r.eventId)).size).toBe(700);
  expect(sdk.stats()).toMatchObject({ sent: 600, duplicates: 100, dropped: 0, pending: 0 });
  expect(sdk.stats().retries).toBeGreaterThan(0);
});

test("no SDK error reached onError in the normal runs", () => {
  expect(errors).toEqual([]);
});
