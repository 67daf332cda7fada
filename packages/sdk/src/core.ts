import type { GuardDecision } from "./policy.js";
import type { Attribution, SpendlineEvent } from "./types.js";

export type Usage = SpendlineEvent["usage"];
export type CallRecord = {
  provider: string;
  model: string;
  usage: Usage;
  usageReported: boolean;
  latencyMs: number;
  outcome: NonNullable<SpendlineEvent["outcome"]>;
  streamed: boolean;
  aborted?: boolean;
  deliveredOutputTokens?: number;
  /** the service tier the provider says served the call */
  serviceTier?: string;
  metadata?: Record<string, unknown>;
};

/** Service tiers Spendline prices (the server refuses other values, so unknown ones are not sent). */
const KNOWN_TIERS = new Set(["default", "auto", "standard", "standard_only", "flex", "priority", "scale", "batch"]);

/** The provider's `service_tier` value when it is one Spendline knows, else undefined. */
export function knownServiceTier(v: unknown): string | undefined {
  return typeof v === "string" && KNOWN_TIERS.has(v.toLowerCase()) ? v.toLowerCase() : undefined;
}

/** What the client wrappers need from the Spendline client. */
export interface WrapperCore {
  attribution(...layers: (Attribution | undefined)[]): Attribution;
  recordCall(attrs: Attribution, call: CallRecord): void;
  guard(req: { feature: string; model: string; tenant?: { id: string; tier?: string } }): Promise<GuardDecision>;
}

export type WrapOptions = Attribution & {
  /** apply guardrail decisions before each call: block throws SpendlineBlockedError, downgrade swaps the model */
  guard?: boolean;
};

/** Thrown by a wrapped call that a guardrail blocked; the provider was not called. */
export class SpendlineBlockedError extends Error {
  readonly decision: GuardDecision;
  constructor(d: GuardDecision) {
    super(`Spendline guardrail blocked this call: ${d.reason}`);
    this.name = "SpendlineBlockedError";
    this.decision = d;
  }
}

/** Per-call options: `client.chat.completions.create(body, { spendline: { feature: "chat" } })`. */
export type SpendlineCallOptions = { spendline?: Attribution };

export const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Strips our per-call key from the provider's request options. */
export function splitOptions(options: unknown): { attrs: Attribution | undefined; rest: unknown } {
  if (!options || typeof options !== "object" || !("spendline" in options)) return { attrs: undefined, rest: options };
  const { spendline, ...rest } = options as { spendline?: Attribution };
  return { attrs: spendline, rest };
}

/**
 * Runs a provider call under the guard (when on), returning the possibly downgraded body.
 * `blocked` calls throw before anything is sent to the provider.
 */
export async function guarded<B extends { model?: string }>(
  core: WrapperCore,
  on: boolean,
  attrs: Attribution,
  body: B,
): Promise<{ body: B; downgradedFrom?: string }> {
  if (!on || !body?.model) return { body };
  const d = await core.guard({ feature: attrs.feature ?? "unknown", model: body.model, tenant: attrs.tenant });
  if (d.decision === "block") throw new SpendlineBlockedError(d);
  if (d.decision === "downgrade" && d.model !== body.model) return { body: { ...body, model: d.model }, downgradedFrom: body.model };
  return { body };
}

/** Outcome of a call that threw: a user abort is abandoned; an HTTP error cost nothing; anything else is unknown usage. */
export function failure(e: unknown): { outcome: CallRecord["outcome"]; usageReported: boolean } {
  const name = (e as { constructor?: { name?: string } })?.constructor?.name ?? "";
  if (/Abort/i.test(name) || (e as { name?: string })?.name === "AbortError") return { outcome: "abandoned", usageReported: false };
  const status = (e as { status?: unknown })?.status;
  if (typeof status === "number") return { outcome: "failure", usageReported: true };
  return { outcome: "failure", usageReported: false };
}
