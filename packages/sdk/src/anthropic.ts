import type { StreamReader } from "./account-stream.js";
import { knownServiceTier, type Usage, type WrapOptions, type WrapperCore } from "./core.js";
import { wrapCreate } from "./wrap-create.js";

/**
 * The official `@anthropic-ai/sdk` client: messages.create, JSON and streamed (and so
 * messages.stream(), which calls create). Anthropic's input_tokens EXCLUDE cache reads and
 * cache writes; Spendline's input_tokens include them, so input = input + cache_read +
 * cache_creation, cached = cache_read, cache-write = cache_creation. Thinking tokens are
 * inside output_tokens and not reported apart.
 */
type Obj = Record<string, unknown>;

export function anthropicUsage(u: Obj | undefined | null): Usage | null {
  if (!u || typeof u.input_tokens !== "number") return null;
  const read = typeof u.cache_read_input_tokens === "number" ? u.cache_read_input_tokens : 0;
  const write = typeof u.cache_creation_input_tokens === "number" ? u.cache_creation_input_tokens : 0;
  const searches = (u.server_tool_use as Obj | undefined)?.web_search_requests;
  return {
    input_tokens: u.input_tokens + read + write,
    output_tokens: typeof u.output_tokens === "number" ? u.output_tokens : 0,
    ...(read > 0 ? { cached_input_tokens: read } : {}),
    ...(write > 0 ? { cache_write_tokens: write } : {}),
    ...(typeof searches === "number" && searches > 0 ? { web_search_calls: searches } : {}),
  };
}

export function wrapAnthropic<T extends object>(core: WrapperCore, client: T, wrap: WrapOptions = {}): T {
  wrapCreate(core, (client as unknown as { messages?: Obj }).messages, wrap, {
    provider: "anthropic",
    json: (r) => ({
      usage: anthropicUsage(r?.usage as Obj),
      failed: false,
      serviceTier: knownServiceTier((r?.usage as Obj | undefined)?.service_tier),
    }),
    stream: streamReader,
  });
  return client;
}

/**
 * Input and cache figures come in message_start, the output count in message_delta: the usage
 * is reported only when the stream completed with both.
 */
function streamReader(): StreamReader<Obj> {
  let start: Obj | null = null;
  let outputTokens: number | null = null;
  return {
    chunk(e, t) {
      if (e.type === "message_start") {
        const m = e.message as Obj;
        if (typeof m?.model === "string") t.model = m.model;
        start = (m?.usage as Obj) ?? null;
        t.serviceTier = knownServiceTier(start?.service_tier) ?? t.serviceTier;
      } else if (e.type === "message_delta") {
        const u = e.usage as Obj | undefined;
        if (typeof u?.output_tokens === "number") outputTokens = u.output_tokens;
        // newer API versions repeat the (final) input and cache figures here
        if (u && typeof u.input_tokens === "number") start = { ...start, ...u };
        t.serviceTier = knownServiceTier(u?.service_tier) ?? t.serviceTier;
      } else if (e.type === "content_block_delta") t.delivered++;
      else if (e.type === "error") t.failed = true;
    },
    usage(completed, delivered) {
      const base = anthropicUsage(start);
      if (!base) return null;
      return { usage: { ...base, output_tokens: outputTokens ?? delivered }, reported: completed && outputTokens !== null };
    },
  };
}
