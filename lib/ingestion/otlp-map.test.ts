import { describe, expect, test } from "vitest";
import { mapOtlpTraces } from "./otlp-map";

/** Attribute spellings and inheritance, table-driven; one export per case. */
type V = string | number | boolean;
const kv = (o: Record<string, V>) =>
  Object.entries(o).map(([key, v]) => ({
    key,
    value:
      typeof v === "string"
        ? { stringValue: v }
        : typeof v === "boolean"
          ? { boolValue: v }
          : Number.isInteger(v)
            ? { intValue: String(v) }
            : { doubleValue: v },
  }));
let n = 0;
const span = (attrs: Record<string, V>, o: { id?: string; parent?: string; status?: number } = {}) => ({
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: o.id ?? (++n).toString(16).padStart(16, "0"),
  parentSpanId: o.parent,
  name: "s",
  startTimeUnixNano: "1744275600000000000",
  endTimeUnixNano: "1744275600250000000",
  attributes: kv(attrs),
  status: o.status === undefined ? {} : { code: o.status },
});
const map = (spans: unknown[], resource: Record<string, V> = { "service.name": "svc" }) =>
  mapOtlpTraces({ resourceSpans: [{ resource: { attributes: kv(resource) }, scopeSpans: [{ spans }] }] }).events as Record<
    string,
    unknown
  >[];

describe("token spellings", () => {
  test.each<{ name: string; attrs: Record<string, V> }>([
    {
      name: "GenAI conventions",
      attrs: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.output_tokens": 20,
        "gen_ai.usage.cache_read.input_tokens": 60,
        "gen_ai.usage.cache_creation.input_tokens": 10,
        "gen_ai.usage.reasoning.output_tokens": 5,
      },
    },
    {
      name: "OpenLLMetry / Traceloop",
      attrs: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.prompt_tokens": 100,
        "gen_ai.usage.completion_tokens": 20,
        "gen_ai.usage.cache_read_input_tokens": 60,
        "gen_ai.usage.cache_creation_input_tokens": 10,
        "gen_ai.usage.reasoning_tokens": 5,
      },
    },
    {
      name: "OpenInference",
      attrs: {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o",
        "llm.provider": "openai",
        "llm.token_count.prompt": 100,
        "llm.token_count.completion": 20,
        "llm.token_count.prompt_details.cache_read": 60,
        "llm.token_count.prompt_details.cache_write": 10,
        "llm.token_count.completion_details.reasoning": 5,
      },
    },
    {
      name: "Vercel AI SDK doGenerate",
      attrs: {
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.model.id": "gpt-4o",
        "ai.model.provider": "openai.chat",
        "ai.usage.inputTokens": 100,
        "ai.usage.outputTokens": 20,
        "ai.usage.cachedInputTokens": 60,
        "ai.usage.reasoningTokens": 5,
      },
    },
  ])("$name", ({ attrs }) => {
    const [e] = map([span(attrs)]);
    expect(e.model).toBe("gpt-4o");
    expect(e.usage).toMatchObject({ input_tokens: 100, output_tokens: 20, cached_input_tokens: 60, reasoning_tokens: 5 });
    expect(e.outcome).toBe("success"); // status Unset with usage
    expect(e.usage_reported).toBeUndefined();
  });

  test("Vercel's outer ai.generateText span repeats the totals: not a second call", () => {
    const events = map([
      span(
        { "ai.operationId": "ai.generateText", "ai.model.id": "gpt-4o", "ai.usage.inputTokens": 100, "ai.usage.outputTokens": 20 },
        { id: "00000000000000aa" },
      ),
      span(
        {
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.model.id": "gpt-4o",
          "ai.usage.inputTokens": 100,
          "ai.usage.outputTokens": 20,
        },
        { parent: "00000000000000aa" },
      ),
    ]);
    expect(events).toHaveLength(1);
  });

  test("Anthropic-style input that excludes cache reads and writes gets them added", () => {
    const [e] = map([
      span({
        "gen_ai.request.model": "claude-3-7-sonnet",
        "gen_ai.usage.input_tokens": 50,
        "gen_ai.usage.output_tokens": 9,
        "gen_ai.usage.cache_read_input_tokens": 2000,
        "gen_ai.usage.cache_creation_input_tokens": 300,
      }),
    ]);
    expect(e.usage).toMatchObject({ input_tokens: 2350, cached_input_tokens: 2000, cache_write_tokens: 300 });
  });
});

describe("outcome and missing usage", () => {
  test.each([
    { status: undefined, usage: true, outcome: "success", reported: undefined },
    { status: 1, usage: true, outcome: "success", reported: undefined },
    { status: 2, usage: true, outcome: "failure", reported: undefined },
    { status: undefined, usage: false, outcome: "unknown", reported: false },
    { status: 2, usage: false, outcome: "failure", reported: false },
  ])("status $status, usage $usage → $outcome", ({ status, usage, outcome, reported }) => {
    const [e] = map([
      span(
        { "gen_ai.request.model": "gpt-4o", ...(usage ? { "gen_ai.usage.input_tokens": 3, "gen_ai.usage.output_tokens": 1 } : {}) },
        { status },
      ),
    ]);
    expect(e.outcome).toBe(outcome);
    expect(e.usage_reported).toBe(reported);
  });
});

describe("attribution: own span, then nearest ancestor, then resource", () => {
  const resource = {
    "service.name": "svc",
    "spendline.team": "res-team",
    "spendline.feature": "res-feature",
    "deployment.environment.name": "production",
  };
  const events = map(
    [
      span(
        {
          "spendline.feature": "root-feature",
          "spendline.tenant.id": "root-tenant",
          "gen_ai.conversation.id": "conv-root",
          "user.id": "u-root",
        },
        { id: "0000000000000001" },
      ),
      span(
        { "spendline.feature": "agent-feature", "traceloop.association.properties.spendline.task.id": "task-9" },
        { id: "0000000000000002", parent: "0000000000000001" },
      ),
      span(
        { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 1, "user.id": "u-own" },
        { id: "0000000000000003", parent: "0000000000000002" },
      ),
      // a cycle in hostile input ends
      span(
        { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 1 },
        { id: "0000000000000004", parent: "0000000000000005" },
      ),
      span({ "ai.telemetry.metadata.spendline.feature": "vercel-feature" }, { id: "0000000000000005", parent: "0000000000000004" }),
    ],
    resource,
  );

  test("nearest ancestor wins over farther ones and the resource; own attributes win", () => {
    expect(events[0]).toMatchObject({
      feature: "agent-feature",
      team: "res-team",
      environment: "prod",
      tenant: { id: "root-tenant" },
      session_id: "conv-root",
      user_id: "u-own",
      task_id: "task-9",
    });
  });
  test("library metadata prefixes, and a parent cycle terminates", () => {
    expect(events[1]).toMatchObject({ feature: "vercel-feature" });
  });
});

describe("service tier", () => {
  test.each<[string, Record<string, V>, string | undefined]>([
    ["OpenAI instrumentation's response tier", { "openai.response.service_tier": "priority" }, "priority"],
    ["GenAI OpenAI attribute, provider spelling normalised", { "gen_ai.openai.response.service_tier": "default" }, "standard"],
    [
      "the response wins over the request",
      { "gen_ai.openai.request.service_tier": "auto", "gen_ai.openai.response.service_tier": "flex" },
      "flex",
    ],
    ["an unknown tier is left out (the span is still stored)", { "openai.response.service_tier": "turbo" }, undefined],
    ["no tier", {}, undefined],
  ])("%s", (_n, extra, tier) => {
    const [e] = map([
      span({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 1, ...extra }),
    ]);
    expect(e.service_tier).toBe(tier);
  });
});
