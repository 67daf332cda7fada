import { accountStream, type Recorder, type StreamReader } from "./account-stream.js";
import { failure, guarded, now, splitOptions, SpendlineBlockedError, type Usage, type WrapOptions, type WrapperCore } from "./core.js";
import { wrapApiCall } from "./observe.js";
import type { Attribution } from "./types.js";

type Obj = Record<string, unknown>;
type AnyFn = (body: Obj, options?: unknown) => unknown;
const WRAPPED = Symbol.for("spendline.wrapped");

/** What differs between the providers' `create` methods; the rest is {@link wrapCreate}. */
export type CreateAccounting = {
  provider: string;
  /** the request body actually sent for a call (before the guard may swap its model) */
  params?: (body: Obj, streamed: boolean) => Obj;
  /** a JSON answer's usage (null when it has none) and whether the answer is itself a failure */
  json: (r: Obj | undefined) => { usage: Usage | null; failed: boolean; serviceTier?: string };
  /** a new reader for one streamed answer */
  stream: () => StreamReader<Obj>;
};

/**
 * Replaces `resource.create` (once: a wrapped method is marked) by one that applies the guard
 * when on, and records the call: a JSON answer with the provider's usage, a stream through
 * {@link accountStream}, a thrown call by {@link failure}. A guardrail block is not recorded
 * here, and an attribution error sends the call through unrecorded. Recording never breaks
 * the call.
 */
export function wrapCreate(core: WrapperCore, resource: Obj | undefined, wrap: WrapOptions, accounting: CreateAccounting): void {
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
    const streamed = body?.stream === true;
    let params = accounting.params ? accounting.params(body, streamed) : body;
    let requested = String(body?.model ?? "unknown");
    let downgradedFrom: string | undefined;
    const record: Recorder = (c) =>
      core.recordCall(attrs, {
        provider: accounting.provider,
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
          if (streamed) accountStream(data as object, requested, record, accounting.stream());
          else {
            const r = data as Obj | undefined;
            const { usage, failed, serviceTier } = accounting.json(r);
            record({
              ...(serviceTier ? { serviceTier } : {}),
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
