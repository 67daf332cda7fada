/**
 * OTLP spans → v1 cost events (docs/ingestion.md "OpenTelemetry"). Pure: used by the OTLP route for
 * both JSON and protobuf (decoded to the same camelCase shape).
 *
 * Only spans that carry a GenAI model (gen_ai.response.model or gen_ai.request.model) are
 * model calls; other spans (HTTP, DB, …) are ignored, not rejected. gen_ai.usage.input_tokens
 * already includes cached tokens, exactly like our contract: copied as is, never subtracted.
 * Feature: spendline.feature (span, else resource), else the resource's service.name.
 * The event id is "otel:" + trace id + ":" + span id, so re-exported spans count once.
 */
type AnyValue = {
  stringValue?: string; boolValue?: boolean; intValue?: string | number; doubleValue?: number;
  arrayValue?: { values?: AnyValue[] }; kvlistValue?: unknown; bytesValue?: unknown;
};
type KeyValue = { key?: string; value?: AnyValue };
type Span = {
  traceId?: unknown; spanId?: unknown; name?: string;
  startTimeUnixNano?: string | number; endTimeUnixNano?: string | number;
  attributes?: KeyValue[]; status?: { code?: number | string };
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

export function mapOtlpTraces(body: unknown): MappedSpans {
  const out: MappedSpans = { events: [], ignored: 0, malformed: 0 };
  const req = (body && typeof body === "object" ? body : {}) as Request;
  if (!Array.isArray(req.resourceSpans)) return out;
  for (const rs of req.resourceSpans) {
    const res = attrs(rs?.resource?.attributes);
    for (const ss of Array.isArray(rs?.scopeSpans) ? rs.scopeSpans : []) {
      for (const span of Array.isArray(ss?.spans) ? ss.spans : []) {
        const a = attrs(span?.attributes);
        const get = (k: string) => a.get(k) ?? res.get(k);
        const model = str(a.get("gen_ai.response.model")) ?? str(a.get("gen_ai.request.model"));
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
        const env = str(get("deployment.environment.name")) ?? str(get("deployment.environment"));
        const environment = env === "production" ? "prod" : env === "development" ? "dev" : env;
        const statusCode = String(span.status?.code ?? "0");
        const outcome = statusCode === "2" || statusCode === "STATUS_CODE_ERROR" ? "failure"
          : statusCode === "1" || statusCode === "STATUS_CODE_OK" ? "success" : "unknown";
        const tenantId = str(get("spendline.tenant.id"));
        const tier = str(get("spendline.tenant.tier"));
        const ev: Record<string, unknown> = {
          id: `otel:${traceId}:${spanId}`,
          timestamp: start.toISOString(),
          feature: str(get("spendline.feature")) ?? str(res.get("service.name")) ?? "unknown",
          team: str(get("spendline.team")),
          environment: environment && ["prod", "staging", "dev"].includes(environment) ? environment : undefined,
          tenant: tenantId || tier ? { id: tenantId, tier } : undefined,
          user_id: str(get("user.id")) ?? str(get("enduser.id")),
          session_id: str(a.get("gen_ai.conversation.id")) ?? str(get("session.id")),
          task_id: str(get("spendline.task.id")),
          provider: str(a.get("gen_ai.provider.name")) ?? str(a.get("gen_ai.system")),
          model,
          usage: {
            input_tokens: int(a.get("gen_ai.usage.input_tokens")) ?? int(a.get("gen_ai.usage.prompt_tokens")) ?? 0,
            output_tokens: int(a.get("gen_ai.usage.output_tokens")) ?? int(a.get("gen_ai.usage.completion_tokens")) ?? 0,
            cached_input_tokens: int(a.get("gen_ai.usage.cache_read.input_tokens")),
            cache_write_tokens: int(a.get("gen_ai.usage.cache_creation.input_tokens")),
            reasoning_tokens: int(a.get("gen_ai.usage.reasoning.output_tokens")),
          },
          cost_usd: a.get("spendline.cost_usd"),
          latency_ms: end && end >= start ? Math.round(end.getTime() - start.getTime()) : undefined,
          outcome,
        };
        out.events.push(JSON.parse(JSON.stringify(ev))); // drop undefined keys
      }
    }
  }
  return out;
}
