import "server-only";
import { env } from "../env";
import { runtimeSlot } from "../runtime";

/**
 * Graceful shutdown of a server instance. On SIGTERM (or SIGINT):
 *  1. draining: /api/health/ready answers 503, so balancers stop sending new requests;
 *  2. after SPENDLINE_DRAIN_DELAY_MS (give the balancer's health check time to notice), wait
 *     until the API requests in flight (counted by apiRoute) have answered;
 *  3. stop the job workers (a running job gets what is left; an unfinished one is retried
 *     by another instance when its lease ends), flush the guardrail decision buffer, close the
 *     LISTEN connection and the pools; exit 0.
 * Whatever happens, the process leaves after SPENDLINE_SHUTDOWN_TIMEOUT_MS (exit 1).
 * Next's own handler would exit at once: `npm start` sets NEXT_MANUAL_SIG_HANDLE=1.
 */
type State = { draining: boolean; inflight: number; idle: Set<() => void>; installed: boolean };
const shutdownSlot = runtimeSlot<State>("Shutdown");
const state = (shutdownSlot.value ??= { draining: false, inflight: 0, idle: new Set(), installed: false });

export function isDraining(): boolean {
  return state.draining;
}

export function inflightRequests(): number {
  return state.inflight;
}

/** apiRoute: count a request in flight; call the answer when it has answered. */
export function requestStarted(): () => void {
  state.inflight++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    state.inflight--;
    if (state.inflight === 0) for (const f of [...state.idle]) f();
  };
}

function whenIdle(): Promise<void> {
  if (state.inflight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const f = () => {
      state.idle.delete(f);
      resolve();
    };
    state.idle.add(f);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shutdown sequence without the exit (tests call it); answers what it did. */
export async function drainAndClose(opts: {
  drainDelayMs: number;
  timeoutMs: number;
}): Promise<{ inflightAtEnd: number; steps: string[] }> {
  const steps: string[] = [];
  state.draining = true;
  const deadline = Date.now() + opts.timeoutMs;
  await sleep(Math.min(opts.drainDelayMs, opts.timeoutMs / 2));
  steps.push("not-ready");
  // leave a quarter of the budget for closing
  await Promise.race([whenIdle(), sleep(Math.max(0, deadline - Date.now() - opts.timeoutMs / 4))]);
  steps.push(`drained (${state.inflight} still in flight)`);
  const left = () => Math.max(500, deadline - Date.now() - 500);
  const { stopJobWorkers } = await import("../jobs/queue");
  await stopJobWorkers(Math.min(10_000, left() / 2));
  steps.push("jobs stopped");
  const { flushDecisionLog } = await import("../guardrails/log-decision");
  await flushDecisionLog();
  steps.push("decisions flushed");
  const { stopListening } = await import("../guardrail-changes/pg-notify");
  await stopListening();
  const { disconnectDb } = await import("../db");
  const { closeEmbedded } = await import("../db/adapter");
  await disconnectDb();
  await closeEmbedded();
  steps.push("database closed");
  return { inflightAtEnd: state.inflight, steps };
}

export function installShutdown(): void {
  if (state.installed) return;
  state.installed = true;
  const onSignal = (signal: string) => {
    if (state.draining) return;
    const { SPENDLINE_DRAIN_DELAY_MS, SPENDLINE_SHUTDOWN_TIMEOUT_MS } = env();
    console.info(`${signal}: draining (at most ${SPENDLINE_SHUTDOWN_TIMEOUT_MS} ms)`);
    const hard = setTimeout(() => {
      console.error(`shutdown: still busy after ${SPENDLINE_SHUTDOWN_TIMEOUT_MS} ms; leaving`);
      process.exit(1);
    }, SPENDLINE_SHUTDOWN_TIMEOUT_MS);
    hard.unref?.();
    drainAndClose({ drainDelayMs: SPENDLINE_DRAIN_DELAY_MS, timeoutMs: SPENDLINE_SHUTDOWN_TIMEOUT_MS })
      .then(({ steps }) => {
        console.info(`shutdown: ${steps.join(", ")}`);
        process.exit(0);
      })
      .catch((e: Error) => {
        console.error("shutdown:", e.message);
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
}
