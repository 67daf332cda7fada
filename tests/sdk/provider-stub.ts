import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server answering like OpenAI (chat completions, responses) and Anthropic
 * (messages), JSON and server-sent events, with cached and reasoning tokens, as their API
 * references document. A request whose metadata has `slow` streams with 200 ms between
 * chunks (for cancelling).
 */
export const OPENAI_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 340,
  total_tokens: 1540,
  prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 128, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
export const RESPONSES_USAGE = {
  input_tokens: 900,
  output_tokens: 210,
  total_tokens: 1110,
  input_tokens_details: { cached_tokens: 512 },
  output_tokens_details: { reasoning_tokens: 64 },
};
export const ANTHROPIC_USAGE = { input_tokens: 50, cache_read_input_tokens: 2000, cache_creation_input_tokens: 300, output_tokens: 420 };

export async function startProviderStub(opts: { chunks?: number } = {}) {
  const calls: { path: string; body: Record<string, unknown> }[] = [];
  const chunks = opts.chunks ?? 5;
  const server = http.createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const c of req) raw.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(raw).toString() || "{}") as Record<string, unknown>;
    calls.push({ path: req.url ?? "", body });
    const model = String(body.model);
    // the tier that served the call, as the providers answer it: OpenAI "default" unless asked otherwise;
    // Anthropic "priority" when the request allowed it ("auto") and "standard" otherwise
    const openaiTier = typeof body.service_tier === "string" && body.service_tier !== "auto" ? body.service_tier : "default";
    const anthropicTier = body.service_tier === "auto" ? "priority" : "standard";
    const delay = (body.metadata as Record<string, string> | undefined)?.slow ? 200 : 0;
    const sse = async (events: { event?: string; data: unknown }[]) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const e of events) {
        if (res.destroyed) return;
        res.write(`${e.event ? `event: ${e.event}\n` : ""}data: ${typeof e.data === "string" ? e.data : JSON.stringify(e.data)}\n\n`);
        if (delay) await new Promise((r) => setTimeout(r, delay));
      }
      res.end();
    };
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_stub" });
      res.end(JSON.stringify(data));
    };
    if (req.url?.startsWith("/v1/chat/completions")) {
      const version = `${model}-2025-01-31`;
      if (!body.stream) {
        return json(200, {
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 1,
          model: version,
          choices: [{ index: 0, message: { role: "assistant", content: "hello", refusal: null }, finish_reason: "stop", logprobs: null }],
          usage: OPENAI_USAGE,
          service_tier: openaiTier,
        });
      }
      const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const chunk = (choices: unknown[], usage?: typeof OPENAI_USAGE) => ({
        data: {
          id: "c1",
          object: "chat.completion.chunk",
          created: 1,
          model: version,
          service_tier: openaiTier,
          choices,
          ...(usage ? { usage } : {}),
        },
      });
      const ev: { data: unknown }[] = [];
      for (let i = 0; i < chunks; i++) ev.push(chunk([{ index: 0, delta: { content: `tok${i} ` }, finish_reason: null }]));
      ev.push(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
      if (includeUsage) ev.push(chunk([], OPENAI_USAGE));
      ev.push({ data: "[DONE]" });
      return sse(ev);
    }
    if (req.url?.startsWith("/v1/responses")) {
      const response = {
        id: "resp_1",
        object: "response",
        created_at: 1,
        status: "completed",
        model: `${model}-2025-04-16`,
        output: [],
        usage: RESPONSES_USAGE,
      };
      if (!body.stream) return json(200, response);
      return sse([
        {
          event: "response.created",
          data: { type: "response.created", sequence_number: 0, response: { ...response, status: "in_progress", usage: null } },
        },
        {
          event: "response.output_text.delta",
          data: { type: "response.output_text.delta", sequence_number: 1, item_id: "m", output_index: 0, content_index: 0, delta: "hi" },
        },
        { event: "response.completed", data: { type: "response.completed", sequence_number: 2, response } },
      ]);
    }
    if (req.url?.startsWith("/v1/messages")) {
      const version = /\d{8}$/.test(model) ? model : `${model}-20250219`;
      if (!body.stream) {
        return json(200, {
          id: "msg_1",
          type: "message",
          role: "assistant",
          model: version,
          content: [{ type: "text", text: "hello" }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { ...ANTHROPIC_USAGE, service_tier: anthropicTier },
        });
      }
      const ev: { event: string; data: unknown }[] = [
        {
          event: "message_start",
          data: {
            type: "message_start",
            message: {
              id: "msg_1",
              type: "message",
              role: "assistant",
              model: version,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: {
                input_tokens: ANTHROPIC_USAGE.input_tokens,
                cache_read_input_tokens: ANTHROPIC_USAGE.cache_read_input_tokens,
                cache_creation_input_tokens: ANTHROPIC_USAGE.cache_creation_input_tokens,
                output_tokens: 1,
                service_tier: anthropicTier,
              },
            },
          },
        },
        { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
      ];
      for (let i = 0; i < chunks; i++)
        ev.push({
          event: "content_block_delta",
          data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: `tok${i} ` } },
        });
      ev.push({ event: "content_block_stop", data: { type: "content_block_stop", index: 0 } });
      ev.push({
        event: "message_delta",
        data: {
          type: "message_delta",
          delta: { stop_reason: "end_turn", stop_sequence: null },
          usage: { output_tokens: ANTHROPIC_USAGE.output_tokens },
        },
      });
      ev.push({ event: "message_stop", data: { type: "message_stop" } });
      return sse(ev);
    }
    json(404, { error: { message: "not found" } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
