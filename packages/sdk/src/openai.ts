import type { StreamReader } from "./account-stream.js";
import { knownServiceTier, type Usage, type WrapOptions, type WrapperCore } from "./core.js";
import { wrapCreate } from "./wrap-create.js";

/**
 * The official `openai` client: chat.completions.create, responses.create and
 * embeddings.create are recorded (JSON and streamed). Streamed chat calls get
 * `stream_options.include_usage: true` unless the caller set it to false. OpenAI's
 * prompt_tokens include the cached ones and completion_tokens the reasoning ones, exactly
 * like Spendline's contract: copied as they are.
 */
type Obj = Record<string, unknown>;

/** The usage fields of chat completions and of the Responses API: the same figures under other names. */
const CHAT_FIELDS = ["prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details"] as const;
const RESPONSES_FIELDS = ["input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details"] as const;

function openaiUsage(u: Obj | undefined | null, [input, output, inputDetails, outputDetails]: readonly string[]): Usage | null {
  if (!u || typeof u[input] !== "number") return null;
  const id = (u[inputDetails] ?? {}) as Obj;
  const od = (u[outputDetails] ?? {}) as Obj;
  return {
    input_tokens: u[input] as number,
    output_tokens: (u[output] as number) ?? 0,
    ...(typeof id.cached_tokens === "number" && id.cached_tokens > 0 ? { cached_input_tokens: id.cached_tokens } : {}),
    ...(typeof od.reasoning_tokens === "number" && od.reasoning_tokens > 0 ? { reasoning_tokens: od.reasoning_tokens } : {}),
  };
}

const chatUsage = (u: Obj | undefined | null) => openaiUsage(u, CHAT_FIELDS);
const responsesUsage = (u: Obj | undefined | null) => openaiUsage(u, RESPONSES_FIELDS);

function embeddingUsage(u: Obj | undefined | null): Usage | null {
  return u && typeof u.prompt_tokens === "number" ? { input_tokens: u.prompt_tokens, output_tokens: 0 } : null;
}

type Kind = "chat" | "responses" | "embeddings";

function patch(core: WrapperCore, resource: Obj | undefined, kind: Kind, wrap: WrapOptions) {
  wrapCreate(core, resource, wrap, {
    provider: "openai",
    params: (body, streamed) =>
      kind === "chat" && streamed && (body.stream_options as Obj | undefined)?.include_usage !== false
        ? { ...body, stream_options: { ...(body.stream_options as Obj | undefined), include_usage: true } }
        : body,
    json: (r) => ({
      usage:
        kind === "responses"
          ? responsesUsage(r?.usage as Obj)
          : kind === "embeddings"
            ? embeddingUsage(r?.usage as Obj)
            : chatUsage(r?.usage as Obj),
      failed: kind === "responses" && (r?.status === "failed" || r?.status === "incomplete"),
      // the tier that served the call (it may differ from the one requested)
      serviceTier: knownServiceTier(r?.service_tier),
    }),
    stream: () => streamReader(kind),
  });
}

/** Chat chunks carry deltas and (with include_usage) a last usage chunk; Responses events carry the response. */
function streamReader(kind: Kind): StreamReader<Obj> {
  let usage: Usage | null = null;
  return {
    chunk(c, t) {
      if (kind === "chat") {
        if (typeof c.model === "string") t.model = c.model;
        t.serviceTier = knownServiceTier(c.service_tier) ?? t.serviceTier;
        usage = chatUsage(c.usage as Obj) ?? usage;
        for (const ch of (c.choices as Obj[] | undefined) ?? []) {
          const d = (ch.delta ?? {}) as Obj;
          if ((typeof d.content === "string" && d.content) || d.tool_calls || (typeof d.refusal === "string" && d.refusal)) t.delivered++;
        }
      } else {
        const type = String(c.type ?? "");
        if (type.endsWith(".delta")) t.delivered++;
        const r = c.response as Obj | undefined;
        if (r) {
          if (typeof r.model === "string") t.model = r.model;
          t.serviceTier = knownServiceTier(r.service_tier) ?? t.serviceTier;
          usage = responsesUsage(r.usage as Obj) ?? usage;
          if (type === "response.failed" || type === "response.incomplete") t.failed = true;
        }
      }
    },
    // OpenAI's usage figures are final whenever they came, even on a stream cut short after them
    usage: () => (usage ? { usage, reported: true } : null),
  };
}

export function wrapOpenAI<T extends object>(core: WrapperCore, client: T, wrap: WrapOptions = {}): T {
  const c = client as unknown as { chat?: { completions?: Obj }; responses?: Obj; embeddings?: Obj };
  patch(core, c.chat?.completions, "chat", wrap);
  patch(core, c.responses, "responses", wrap);
  patch(core, c.embeddings, "embeddings", wrap);
  return client;
}
