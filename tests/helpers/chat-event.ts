/** A $0.25 chat call on gpt-4o (1,000 tokens in, 100 out), with any field replaced by `over`. */
export const chatEvent = (id: string, timestamp: string, over: Record<string, unknown> = {}) => ({
  id,
  timestamp,
  feature: "chat",
  provider: "openai",
  model: "gpt-4o-2024-05-13",
  usage: { input_tokens: 1000, output_tokens: 100 },
  cost_usd: "0.25",
  ...over,
});
