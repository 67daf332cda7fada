import {
  failure,
  guarded,
  now,
  splitOptions,
  SpendlineBlockedError,
  type CallRecord,
  type Usage,
  type WrapOptions,
  type WrapperCore,
} from "./core.js";
import { observeStream, wrapApiCall } from "./observe.js";
import type { Attribution } from "./types.js";

/**
 * The official `@anthropic-ai/sdk` client: messages.create, JSON and streamed (and so
 * messages.stream(), which calls create). Anthropic's input_tokens EXCLUDE cache reads and
 * cache writes; Spendline's input_tokens include them, so input = input + cache_read +
 * cache_creation, cached = cache_read, cache-write = cache_creation. Thinking tokens are
 * inside output_tokens and not reported apart.
 */
type Obj = Record<string, unknown>;
type AnyFn = (body: Obj, options?: unknown) => unknown;
const WRAPPED = Symbol.for("spendline.wrapped");

export function anthropicUsage(u: Obj | undefined | null): Usage | null {
  if (!u || typeof u.input_tokens !== "number") return null;
  const read = typeof u.cache_read_input_tokens === "number" ? u.cache_read_input_tokens : 0;
  const write = typeof u.cache_creation_input_tokens === "number" ? u.cache_creation_input_tokens : 0;
  return {
    input_tokens: u.input_tokens + read + write,
    output_tokens: typeof u.output_tokens === "number" ? u.output_tokens : 0,
    ...(read > 0 ? { cached_input_tokens: read } : {}),
    ...(write > 0 ? { cache_write_tokens: write } : {}),
  };
}

export function wrapAnthropic<T extends object>(core: WrapperCore, client: T, wrap: WrapOptions = {}): T {
  const resource = (client as unknown as { messages?: Obj }).messages;
  if (!resource || typeof resource.create !== "function" || (resource.create as { [WRAPPED]?: boolean })[WRAPPED]) return client;
  const orig = (resource.create as AnyFn).bind(resource);
  const { guard: guardOn = false, ...wrapAttrs } = wrap;

  const create = (body: Obj, options?: unknown) => {
    const { attrs: callAttrs, rest } = splitOptions(options);
    let attrs: Attribution;
    try {
      attrs = core.attribution(wrapAttrs, callAttrs);
    } catch {
      return orig(body, rest);
    }
    const t0 = now();
    const streamed = body?.stream === true;
    let params = body;
    let requested = String(body?.model ?? "unknown");
    let downgradedFrom: string | undefined;
    const record = (c: Omit<CallRecord, "provider" | "latencyMs" | "streamed">) =>
      core.recordCall(attrs, {
        provider: "anthropic",
        latencyMs: Math.round(now() - t0),
        streamed,
        ...c,
        metadata: downgradedFrom ? { ...c.metadata, "spendline.downgraded_from": downgradedFrom } : c.metadata,
      });

    return wrapApiCall(
      async () => {
        const g = await guarded(core, guardOn, attrs, params as { model?: string });
        params = g.body;
        downgradedFrom = g.downgradedFrom;
        requested = String(params.model ?? requested);
        return { call: orig(params, rest) as PromiseLike<unknown> };
      },
      (data) => {
        try {
          if (streamed) observe(data as object, requested, record);
          else {
            const r = data as Obj;
            const usage = anthropicUsage(r?.usage as Obj);
            record({
              model: String(r?.model ?? requested),
              usage: usage ?? { input_tokens: 0, output_tokens: 0 },
              usageReported: !!usage,
              outcome: "success",
            });
          }
        } catch {
          // recording must never break the call
        }
        return data;
      },
      (e) => {
        if (e instanceof SpendlineBlockedError) return;
        const f = failure(e);
        record({
          model: requested,
          usage: { input_tokens: 0, output_tokens: 0 },
          usageReported: f.usageReported,
          outcome: f.outcome,
          ...(f.outcome === "abandoned" ? { aborted: true } : {}),
        });
      },
    );
  };
  (create as unknown as { [WRAPPED]: boolean })[WRAPPED] = true;
  resource.create = create;
  return client;
}

function observe(stream: object, requested: string, record: (c: Omit<CallRecord, "provider" | "latencyMs" | "streamed">) => void) {
  let model = requested;
  let start: Obj | null = null;
  let outputTokens: number | null = null;
  let delivered = 0;
  let failed = false;
  observeStream<Obj>(
    stream,
    (e) => {
      if (e.type === "message_start") {
        const m = e.message as Obj;
        if (typeof m?.model === "string") model = m.model;
        start = (m?.usage as Obj) ?? null;
      } else if (e.type === "message_delta") {
        const u = e.usage as Obj | undefined;
        if (typeof u?.output_tokens === "number") outputTokens = u.output_tokens;
        // newer API versions repeat the (final) input and cache figures here
        if (u && typeof u.input_tokens === "number") start = { ...start, ...u };
      } else if (e.type === "content_block_delta") delivered++;
      else if (e.type === "error") failed = true;
    },
    (completed, error) => {
      const base = anthropicUsage(start);
      const known = completed && base !== null && outputTokens !== null;
      const usage: Usage = base ? { ...base, output_tokens: outputTokens ?? delivered } : { input_tokens: 0, output_tokens: delivered };
      record({
        model,
        usage,
        usageReported: known,
        outcome: !completed
          ? error && !/Abort/i.test(String((error as { constructor?: { name?: string } })?.constructor?.name))
            ? "failure"
            : "abandoned"
          : failed
            ? "failure"
            : "success",
        aborted: !completed,
        deliveredOutputTokens: known ? usage.output_tokens : delivered,
      });
    },
  );
}
