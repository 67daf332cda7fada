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
 * The official `openai` client: chat.completions.create, responses.create and
 * embeddings.create are recorded (JSON and streamed). Streamed chat calls get
 * `stream_options.include_usage: true` unless the caller set it to false. OpenAI's
 * prompt_tokens include the cached ones and completion_tokens the reasoning ones, exactly
 * like Spendline's contract: copied as they are.
 */
type AnyFn = (body: Record<string, unknown>, options?: unknown) => unknown;
type Obj = Record<string, unknown>;
const WRAPPED = Symbol.for("spendline.wrapped");

function chatUsage(u: Obj | undefined | null): Usage | null {
  if (!u || typeof u.prompt_tokens !== "number") return null;
  const pd = (u.prompt_tokens_details ?? {}) as Obj;
  const cd = (u.completion_tokens_details ?? {}) as Obj;
  return {
    input_tokens: u.prompt_tokens,
    output_tokens: (u.completion_tokens as number) ?? 0,
    ...(typeof pd.cached_tokens === "number" && pd.cached_tokens > 0 ? { cached_input_tokens: pd.cached_tokens } : {}),
    ...(typeof cd.reasoning_tokens === "number" && cd.reasoning_tokens > 0 ? { reasoning_tokens: cd.reasoning_tokens } : {}),
  };
}

function responsesUsage(u: Obj | undefined | null): Usage | null {
  if (!u || typeof u.input_tokens !== "number") return null;
  const id = (u.input_tokens_details ?? {}) as Obj;
  const od = (u.output_tokens_details ?? {}) as Obj;
  return {
    input_tokens: u.input_tokens,
    output_tokens: (u.output_tokens as number) ?? 0,
    ...(typeof id.cached_tokens === "number" && id.cached_tokens > 0 ? { cached_input_tokens: id.cached_tokens } : {}),
    ...(typeof od.reasoning_tokens === "number" && od.reasoning_tokens > 0 ? { reasoning_tokens: od.reasoning_tokens } : {}),
  };
}

type Kind = "chat" | "responses" | "embeddings";

function patch(core: WrapperCore, resource: Obj | undefined, kind: Kind, wrap: WrapOptions) {
  if (!resource || typeof resource.create !== "function" || (resource.create as { [WRAPPED]?: boolean })[WRAPPED]) return;
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
    let params = body;
    const streamed = body?.stream === true;
    if (kind === "chat" && streamed && (body.stream_options as Obj | undefined)?.include_usage !== false) {
      params = { ...body, stream_options: { ...(body.stream_options as Obj | undefined), include_usage: true } };
    }
    let requested = String(body?.model ?? "unknown");
    let downgradedFrom: string | undefined;
    const record = (c: Omit<CallRecord, "provider" | "latencyMs" | "streamed">) =>
      core.recordCall(attrs, {
        provider: "openai",
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
          if (streamed) observe(kind, data as object, requested, record);
          else {
            const r = data as Obj;
            const usage =
              kind === "responses"
                ? responsesUsage(r?.usage as Obj)
                : kind === "embeddings"
                  ? embeddingUsage(r?.usage as Obj)
                  : chatUsage(r?.usage as Obj);
            const failed = kind === "responses" && (r?.status === "failed" || r?.status === "incomplete");
            record({
              model: String(r?.model ?? requested),
              usage: usage ?? { input_tokens: 0, output_tokens: 0 },
              usageReported: !!usage,
              outcome: failed ? "failure" : "success",
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
}

function embeddingUsage(u: Obj | undefined | null): Usage | null {
  return u && typeof u.prompt_tokens === "number" ? { input_tokens: u.prompt_tokens, output_tokens: 0 } : null;
}

function observe(
  kind: Kind,
  stream: object,
  requested: string,
  record: (c: Omit<CallRecord, "provider" | "latencyMs" | "streamed">) => void,
) {
  let model = requested;
  let usage: Usage | null = null;
  let delivered = 0;
  let failed = false;
  observeStream<Obj>(
    stream,
    (c) => {
      if (kind === "chat") {
        if (typeof c.model === "string") model = c.model;
        usage = chatUsage(c.usage as Obj) ?? usage;
        for (const ch of (c.choices as Obj[] | undefined) ?? []) {
          const d = (ch.delta ?? {}) as Obj;
          if ((typeof d.content === "string" && d.content) || d.tool_calls || (typeof d.refusal === "string" && d.refusal)) delivered++;
        }
      } else {
        const type = String(c.type ?? "");
        if (type.endsWith(".delta")) delivered++;
        const r = c.response as Obj | undefined;
        if (r) {
          if (typeof r.model === "string") model = r.model;
          usage = responsesUsage(r.usage as Obj) ?? usage;
          if (type === "response.failed" || type === "response.incomplete") failed = true;
        }
      }
    },
    (completed, error) => {
      const u = usage as Usage | null;
      const aborted = !completed;
      record({
        model,
        usage: u ?? { input_tokens: 0, output_tokens: delivered },
        usageReported: !!u,
        outcome: aborted
          ? error && !/Abort/i.test(String((error as { constructor?: { name?: string } })?.constructor?.name))
            ? "failure"
            : "abandoned"
          : failed
            ? "failure"
            : "success",
        aborted,
        deliveredOutputTokens: u && completed ? u.output_tokens : delivered,
      });
    },
  );
}

export function wrapOpenAI<T extends object>(core: WrapperCore, client: T, wrap: WrapOptions = {}): T {
  const c = client as unknown as { chat?: { completions?: Obj }; responses?: Obj; embeddings?: Obj };
  patch(core, c.chat?.completions, "chat", wrap);
  patch(core, c.responses, "responses", wrap);
  patch(core, c.embeddings, "embeddings", wrap);
  return client;
}
