import type { CallRecord, Usage } from "./core.js";
import { observeStream } from "./observe.js";

/** What a wrapper records for one call; the wrapper adds provider, latency and `streamed`. */
export type Recorder = (c: Omit<CallRecord, "provider" | "latencyMs" | "streamed">) => void;

/** What the provider's stream reader keeps up to date while chunks pass. */
export type StreamTally = {
  /** the model the provider answered with (starts as the requested one) */
  model: string;
  /** content deltas seen: our count of output tokens delivered when the provider reports none */
  delivered: number;
  /** the provider said in the stream that the call failed */
  failed: boolean;
  /** the service tier the stream said served the call */
  serviceTier?: string;
};

/** How one provider's stream tells its model, content and usage. */
export type StreamReader<C> = {
  chunk(c: C, tally: StreamTally): void;
  /**
   * The usage figures the stream carried, or null when it carried none (then input 0, output
   * = delivered, usage_reported false). `reported` says they are the provider's own figures.
   */
  usage(completed: boolean, delivered: number): { usage: Usage; reported: boolean } | null;
};

/**
 * The stream accounting both wrappers share: a stream that ends is recorded once, with the
 * provider's figures when it reported them; one the application broke out of or aborted is
 * `aborted` with the output tokens delivered so far (abandoned, or a failure when it ended on
 * an error other than an abort).
 */
export function accountStream<C>(stream: object, requested: string, record: Recorder, reader: StreamReader<C>): void {
  const tally: StreamTally = { model: requested, delivered: 0, failed: false };
  observeStream<C>(
    stream,
    (c) => reader.chunk(c, tally),
    (completed, error) => {
      const known = reader.usage(completed, tally.delivered);
      const usage = known?.usage ?? { input_tokens: 0, output_tokens: tally.delivered };
      const reported = !!known?.reported;
      record({
        model: tally.model,
        usage,
        usageReported: reported,
        outcome: !completed
          ? error && !/Abort/i.test(String((error as { constructor?: { name?: string } })?.constructor?.name))
            ? "failure"
            : "abandoned"
          : tally.failed
            ? "failure"
            : "success",
        aborted: !completed,
        deliveredOutputTokens: reported && completed ? usage.output_tokens : tally.delivered,
        ...(tally.serviceTier ? { serviceTier: tally.serviceTier } : {}),
      });
    },
  );
}
