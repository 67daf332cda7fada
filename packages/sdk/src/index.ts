/**
 * @spendline/sdk — record every LLM call to Spendline exactly, and decide guardrails locally.
 *
 *   const spendline = createSpendline({ url: process.env.SPENDLINE_URL!, apiKey: process.env.SPENDLINE_API_KEY!, defaults: { feature: "chat" } });
 *   const openai = spendline.wrapOpenAI(new OpenAI(), { guard: true });
 *   await spendline.withAttribution({ tenant: { id: "acme" } }, () => openai.chat.completions.create({ ... }));
 *
 * No runtime dependency beyond fetch; never throws into the application (errors go to onError).
 */
import { wrapAnthropic as wrapAnthropicWith } from "./anthropic.js";
import { EventBuffer, type BufferOptions } from "./buffer.js";
import { AttributionContext, mergeAttribution } from "./context.js";
import { type CallRecord, type WrapOptions, type WrapperCore } from "./core.js";
import { Http } from "./http.js";
import { wrapOpenAI as wrapOpenAIWith } from "./openai.js";
import { Guard, type GuardDecision } from "./policy.js";
import type { Attribution, SpendlineEvent, TrackInput } from "./types.js";

export { SpendlineBlockedError, type SpendlineCallOptions, type WrapOptions } from "./core.js";
export type { Attribution, SpendlineEvent, TrackInput } from "./types.js";
export type { GuardDecision } from "./policy.js";
export {
  decide,
  DEFAULT_POLICY,
  LeaseBook,
  type CheckRequest,
  type Decision,
  type PolicyView,
  type BudgetView,
  type LeaseGrant,
  type LeaseRequest,
  type RenewLease,
} from "@spendline/guardrail-core";

export type SpendlineOptions = BufferOptions & {
  /** the Spendline server, e.g. https://spendline.example.com */
  url: string;
  /** an API key with the ingest scope */
  apiKey: string;
  /** attribution applied to every event (feature, team, environment, …) */
  defaults?: Attribution;
  /** where errors go (the SDK never throws into the application); default console.warn */
  onError?: (e: Error) => void;
  /** guard(): when the policy snapshot or a lease cannot be had, allow (default) or block */
  failOpen?: boolean;
  /** guard(): how long the first call waits for the first snapshot (default 2,000 ms) */
  initialWaitMs?: number;
  /** snapshot long-poll length in seconds (default 25) */
  pollWaitSeconds?: number;
  fetch?: typeof fetch;
};

export type Spendline = {
  track(event: TrackInput): void;
  flush(): Promise<void>;
  shutdown(opts?: { timeoutMs?: number }): Promise<void>;
  guard(req: {
    feature?: string;
    model: string;
    tenant?: { id: string; tier?: string };
    /** budgets and rate limits by user (else the attribution's userId) */
    userId?: string;
    environment?: "prod" | "staging" | "dev";
  }): Promise<GuardDecision>;
  wrapOpenAI<T extends object>(client: T, opts?: WrapOptions): T;
  wrapAnthropic<T extends object>(client: T, opts?: WrapOptions): T;
  withAttribution<R>(attrs: Attribution, fn: () => R): R;
  /** counters: sent, duplicates, rejected, dropped, retries, pending */
  stats(): Record<string, number>;
};

const newId = () => `sl_${crypto.randomUUID()}`;

export function createSpendline(opts: SpendlineOptions): Spendline {
  const onError = (e: Error) => {
    try {
      (opts.onError ?? ((x: Error) => console.warn(x.message)))(e);
    } catch {
      // an onError that throws must not reach the application either
    }
  };
  const http = new Http({ url: opts.url, apiKey: opts.apiKey, fetch: opts.fetch });
  const buffer = new EventBuffer(http, onError, opts);
  const ctx = new AttributionContext();
  let guardImpl: Guard | null = null;
  const guardOf = () =>
    (guardImpl ??= new Guard(http, onError, {
      holder: `sdk:${crypto.randomUUID()}`,
      waitSeconds: opts.pollWaitSeconds ?? 25,
      failOpen: opts.failOpen ?? true,
      initialWaitMs: opts.initialWaitMs ?? 2_000,
    }));

  function toEvent(a: Attribution, e: Partial<SpendlineEvent> & Pick<SpendlineEvent, "model" | "usage">): SpendlineEvent {
    const out: SpendlineEvent = {
      ...e,
      id: e.id ?? newId(),
      timestamp: e.timestamp ?? new Date().toISOString(),
      feature: a.feature ?? e.feature ?? "unknown",
    };
    if (a.team) out.team ??= a.team;
    if (a.environment) out.environment ??= a.environment;
    if (a.tenant) out.tenant ??= a.tenant;
    if (a.userId) out.user_id ??= a.userId;
    if (a.sessionId) out.session_id ??= a.sessionId;
    if (a.taskId) out.task_id ??= a.taskId;
    if (a.prompt) out.prompt ??= a.prompt;
    if (a.metadata || e.metadata) out.metadata = { ...a.metadata, ...e.metadata };
    return out;
  }

  const core: WrapperCore = {
    attribution: (...layers) => mergeAttribution(opts.defaults, ctx.current(), ...layers),
    recordCall(a: Attribution, c: CallRecord) {
      try {
        buffer.push(
          toEvent(a, {
            provider: c.provider,
            model: c.model,
            usage: c.usage,
            latency_ms: c.latencyMs,
            outcome: c.outcome,
            streamed: c.streamed,
            ...(c.aborted !== undefined ? { aborted: c.aborted } : {}),
            ...(c.streamed && c.deliveredOutputTokens !== undefined ? { delivered_output_tokens: c.deliveredOutputTokens } : {}),
            ...(c.usageReported ? {} : { usage_reported: false }),
            ...(c.serviceTier ? { service_tier: c.serviceTier } : {}),
            ...(c.metadata ? { metadata: c.metadata } : {}),
          }),
        );
      } catch (e) {
        onError(e as Error);
      }
    },
    guard: (req) => client.guard(req),
  };

  const client: Spendline = {
    track(event) {
      try {
        const a = mergeAttribution(opts.defaults, ctx.current());
        const ts = event.timestamp instanceof Date ? event.timestamp.toISOString() : event.timestamp;
        buffer.push(toEvent(a, { ...event, timestamp: ts, feature: event.feature ?? a.feature }));
      } catch (e) {
        onError(e as Error);
      }
    },
    flush: () => buffer.flush(),
    async shutdown({ timeoutMs = 10_000 } = {}) {
      const t = new Promise<void>((r) => {
        const h = setTimeout(r, timeoutMs);
        (h as { unref?: () => void }).unref?.();
      });
      await Promise.race([Promise.all([buffer.flush(), guardImpl?.close()]), t]);
      buffer.close();
      if (buffer.pending) onError(new Error(`Spendline: shut down with ${buffer.pending} event(s) unsent`));
    },
    async guard(req) {
      const a = mergeAttribution(opts.defaults, ctx.current());
      const r = {
        feature: req.feature ?? a.feature ?? "unknown",
        model: req.model,
        ...((req.tenant ?? a.tenant) ? { tenant: req.tenant ?? a.tenant } : {}),
        ...((req.userId ?? a.userId) ? { user: req.userId ?? a.userId } : {}),
        ...((req.environment ?? a.environment) ? { environment: req.environment ?? a.environment } : {}),
      };
      try {
        return guardOf().decideNow(r) ?? (await guardOf().decide(r));
      } catch (e) {
        onError(e as Error);
        return { decision: opts.failOpen === false ? "block" : "allow", model: req.model, reason: `guard failed: ${(e as Error).message}` };
      }
    },
    wrapOpenAI: (c, o) => wrapOpenAIWith(core, c, o),
    wrapAnthropic: (c, o) => wrapAnthropicWith(core, c, o),
    withAttribution: (attrs, fn) => ctx.run(attrs, fn),
    stats: () => ({ ...buffer.stats, pending: buffer.pending }),
  };
  return client;
}
