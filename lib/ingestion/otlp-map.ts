/**
 * OTLP spans → v1 cost events (docs/ingestion.md "OpenTelemetry"). Pure: used by the OTLP route for
 * both JSON and protobuf (decoded to the same camelCase shape).
 *
 * Model calls: spans with a GenAI model (gen_ai.response.model / gen_ai.request.model, the
 * OpenTelemetry GenAI conventions and OpenLLMetry), an OpenInference LLM span
 * (llm.model_name), or a Vercel AI SDK provider call (ai.model.id on an
 * `ai.*.doGenerate` / `ai.*.doStream` span; the outer ai.generateText span repeats the
 * totals and is skipped). Other spans (HTTP, DB, …) are ignored, not rejected.
 *
 * Tokens, first spelling found: input/output (gen_ai.usage.input_tokens | prompt_tokens,
 * llm.token_count.prompt, ai.usage.inputTokens | promptTokens …), cached reads, cache
 * writes and reasoning (gen_ai.usage.cache_read.input_tokens | cache_read_input_tokens,
 * llm.token_count.prompt_details.cache_read, ai.usage.cachedInputTokens, …). Input tokens
 * include cached ones, exactly like our contract: copied as they are, never subtracted.
 * When cache reads + writes exceed the input (an Anthropic-style input that excludes them),
 * they are added to it. A model span without any usage is stored flagged "no usage reported" (usage_reported: false).
 *
 * Attribution (spendline.feature/team/tenant…, user.id, session.id, gen_ai.conversation.id):
 * the span's own attributes win, then the nearest ancestor span in the same export, then the
 * resource. Attribute keys are also read under the prefixes the libraries use for user
 * metadata: `traceloop.association.properties.`, `ai.telemetry.metadata.`.
 * Outcome: status Error → failure; OK, or Unset with usage (OpenTelemetry's convention) →
 * success; Unset without usage → unknown.
 * The event id is "otel:" + trace id + ":" + span id, so re-exported spans count once.
 */
import { normalizeServiceTier } from "../pricing/service-tiers";
type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: unknown;
  bytesValue?: unknown;
};
type KeyValue = { key?: string; value?: AnyValue };
type Span = {
  traceId?: unknown;
  spanId?: unknown;
  parentSpanId?: unknown;
  name?: string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  status?: { code?: number | string };
};
type Request = { resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: Span[] }[] }[] };

function scalar(v: AnyValue | undefined): string | number | boolean | undefined {
  if (!v || typeof v !== "object") return undefined;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.intValue !== undefined && v.intValue !== null) {
    const n = Number(v.intValue);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v.doubleValue === "number") return v.doubleValue;
  return undefined;
}

function attrs(list: unknown): Map<string, string | number | boolean> {
  const m = new Map<string, string | number | boolean>();
  if (!Array.isArray(list)) return m;
  for (const kv of list as KeyValue[]) {
    if (!kv || typeof kv.key !== "string") continue;
    const v = scalar(kv.value);
    if (v !== undefined) m.set(kv.key, v);
  }
  return m;
}

/** OTLP/JSON ids are hex strings; protobuf ids arrive as byte arrays. */
function hexId(v: unknown): string | null {
  if (typeof v === "string" && /^[0-9a-f]{1,64}$/i.test(v)) return v.toLowerCase();
  if (Array.isArray(v) || v instanceof Uint8Array) {
    const hex = Buffer.from(v as ArrayLike<number> as Uint8Array).toString("hex");
    return hex.length > 0 && hex.length <= 64 ? hex : null;
  }
  return null;
}

function nanosToDate(v: unknown): Date | null {
  if (v === undefined || v === null) return null;
  let n: bigint;
  try {
    n = BigInt(typeof v === "number" ? Math.trunc(v) : String(v));
  } catch {
    return null;
  }
  if (n <= 0n) return null;
  const d = new Date(Number(n / 1_000_000n));
  return Number.isNaN(d.getTime()) ? null : d;
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : undefined);
const int = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);

export type MappedSpans = { events: unknown[]; ignored: number; malformed: number };

type Attrs = Map<string, string | number | boolean>;
const USER_PREFIXES = ["", "traceloop.association.properties.", "ai.telemetry.metadata."];

const first = (a: Attrs, keys: string[], as: (v: unknown) => number | undefined) => {
  for (const k of keys) {
    const v = as(a.get(k));
    if (v !== undefined) return v;
  }
  return undefined;
};

const INPUT = [
  "gen_ai.usage.input_tokens",
  "gen_ai.usage.prompt_tokens",
  "llm.token_count.prompt",
  "ai.usage.inputTokens",
  "ai.usage.promptTokens",
  "llm.usage.prompt_tokens",
];
const OUTPUT = [
  "gen_ai.usage.output_tokens",
  "gen_ai.usage.completion_tokens",
  "llm.token_count.completion",
  "ai.usage.outputTokens",
  "ai.usage.completionTokens",
  "llm.usage.completion_tokens",
];
const CACHE_READ = [
  "gen_ai.usage.cache_read.input_tokens",
  "gen_ai.usage.cache_read_input_tokens",
  "gen_ai.usage.input_tokens.cached",
  "llm.token_count.prompt_details.cache_read",
  "ai.usage.cachedInputTokens",
];
const CACHE_WRITE = [
  "gen_ai.usage.cache_creation.input_tokens",
  "gen_ai.usage.cache_creation_input_tokens",
  "gen_ai.usage.input_tokens.cache_write",
  "llm.token_count.prompt_details.cache_write",
];
const REASONING = [
  "gen_ai.usage.reasoning.output_tokens",
  "gen_ai.usage.reasoning_tokens",
  "gen_ai.usage.output_tokens.reasoning",
  "llm.token_count.completion_details.reasoning",
  "ai.usage.reasoningTokens",
  "llm.usage.reasoning_tokens",
];

/** The tier that served the call: the response's (what was billed) before the request's (what was asked). */
const SERVICE_TIER = [
  "openai.response.service_tier",
  "gen_ai.openai.response.service_tier",
  "gen_ai.response.service_tier",
  "spendline.service_tier",
  "openai.request.service_tier",
  "gen_ai.openai.request.service_tier",
  "gen_ai.request.service_tier",
];

/** The span's service tier, normalised; a value we do not know is left out (the span is still stored, priced as standard). */
function serviceTierOf(a: Attrs): string | undefined {
  for (const k of SERVICE_TIER) {
    const v = str(a.get(k));
    if (v) return normalizeServiceTier(v) ?? undefined;
  }
  return undefined;
}

function modelOf(a: Attrs): string | undefined {
  const genai = str(a.get("gen_ai.response.model")) ?? str(a.get("gen_ai.request.model"));
  if (genai) return genai;
  if (a.has("llm.model_name") && (a.get("openinference.span.kind") ?? "LLM") === "LLM") return str(a.get("llm.model_name"));
  const op = str(a.get("ai.operationId"));
  if (op && /\.do(Generate|Stream)$/.test(op)) return str(a.get("ai.response.model")) ?? str(a.get("ai.model.id"));
  return undefined;
}

export function mapOtlpTraces(body: unknown): MappedSpans {
  const out: MappedSpans = { events: [], ignored: 0, malformed: 0 };
  const req = (body && typeof body === "object" ? body : {}) as Request;
  if (!Array.isArray(req.resourceSpans)) return out;
  // every span of the export by id: attribution is inherited from ancestors in the same export
  const byId = new Map<string, { attrs: Attrs; parent: string | null }>();
  const spans: { span: Span; attrs: Attrs; res: Attrs }[] = [];
  for (const rs of req.resourceSpans) {
    const res = attrs(rs?.resource?.attributes);
    for (const ss of Array.isArray(rs?.scopeSpans) ? rs.scopeSpans : []) {
      for (const span of Array.isArray(ss?.spans) ? ss.spans : []) {
        if (!span || typeof span !== "object") continue;
        const a = attrs(span.attributes);
        const id = hexId(span.spanId);
        if (id) byId.set(id, { attrs: a, parent: hexId(span.parentSpanId) });
        spans.push({ span, attrs: a, res });
      }
    }
  }
  for (const { span, attrs: a, res } of spans) {
    const model = modelOf(a);
    if (!model) {
      out.ignored++;
      continue;
    }
    const traceId = hexId(span.traceId);
    const spanId = hexId(span.spanId);
    const start = nanosToDate(span.startTimeUnixNano);
    const end = nanosToDate(span.endTimeUnixNano);
    if (!traceId || !spanId || !start) {
      out.malformed++;
      continue;
    }
    // the span, its ancestors nearest first (bounded: a cycle in hostile input ends), then the resource
    const chain: Attrs[] = [a];
    const seen = new Set([spanId]);
    for (let p = byId.get(spanId)?.parent ?? null; p && !seen.has(p) && chain.length < 64; p = byId.get(p)?.parent ?? null) {
      seen.add(p);
      const anc = byId.get(p);
      if (!anc) break;
      chain.push(anc.attrs);
    }
    chain.push(res);
    const get = (...keys: string[]) => {
      for (const layer of chain) {
        for (const k of keys) {
          for (const prefix of USER_PREFIXES) {
            const v = layer.get(prefix + k);
            if (v !== undefined) return v;
          }
        }
      }
      return undefined;
    };
    const env = str(get("deployment.environment.name", "deployment.environment"));
    const environment = env === "production" ? "prod" : env === "development" ? "dev" : env;
    let input = first(a, INPUT, int);
    const output = first(a, OUTPUT, int);
    const cacheRead = first(a, CACHE_READ, int);
    const cacheWrite = first(a, CACHE_WRITE, int);
    // some instrumentations of Anthropic report its own input_tokens, which exclude cache reads
    // and writes: when the cache figures do not fit inside the input, they were not in it
    if (input !== undefined && (cacheRead ?? 0) + (cacheWrite ?? 0) > input) input += (cacheRead ?? 0) + (cacheWrite ?? 0);
    const usageReported = input !== undefined || output !== undefined;
    const statusCode = String(span.status?.code ?? "0");
    const outcome =
      statusCode === "2" || statusCode === "STATUS_CODE_ERROR"
        ? "failure"
        : statusCode === "1" || statusCode === "STATUS_CODE_OK"
          ? "success"
          : usageReported
            ? "success"
            : "unknown";
    const tenantId = str(get("spendline.tenant.id"));
    const tier = str(get("spendline.tenant.tier"));
    const provider =
      str(a.get("gen_ai.provider.name")) ??
      str(a.get("gen_ai.system")) ??
      str(a.get("llm.provider")) ??
      str(a.get("llm.system")) ??
      str(a.get("ai.model.provider"))?.split(".")[0];
    const ev: Record<string, unknown> = {
      id: `otel:${traceId}:${spanId}`,
      timestamp: start.toISOString(),
      feature: str(get("spendline.feature")) ?? str(res.get("service.name")) ?? "unknown",
      team: str(get("spendline.team")),
      environment: environment && ["prod", "staging", "dev"].includes(environment) ? environment : undefined,
      tenant: tenantId || tier ? { id: tenantId, tier } : undefined,
      user_id: str(get("user.id", "enduser.id", "user_id")),
      session_id: str(get("gen_ai.conversation.id", "session.id", "session_id")),
      task_id: str(get("spendline.task.id")),
      prompt: str(get("spendline.prompt.template"))
        ? { template: str(get("spendline.prompt.template")), version: str(get("spendline.prompt.version")) }
        : undefined,
      provider,
      model,
      service_tier: serviceTierOf(a),
      usage: {
        input_tokens: input ?? 0,
        output_tokens: output ?? 0,
        cached_input_tokens: cacheRead,
        cache_write_tokens: cacheWrite,
        reasoning_tokens: first(a, REASONING, int),
      },
      usage_reported: usageReported ? undefined : false,
      cost_usd: a.get("spendline.cost_usd"),
      latency_ms: end && end >= start ? Math.round(end.getTime() - start.getTime()) : undefined,
      outcome,
    };
    out.events.push(JSON.parse(JSON.stringify(ev))); // drop undefined keys
  }
  return out;
}
