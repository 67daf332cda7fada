import { expect, test } from "vitest";
import { createSpendline } from "./index.js";
import type { SnapshotWire } from "@spendline/guardrail-core";
import { OUTAGE_RETRY_CAP_MS, pollRetryMs } from "./policy.js";

/** The snapshot poll's retry schedule: fast (≤ 0.5 s) through an outage, slow for a configuration error. */
const lo = () => 0;
const hi = () => 0.999999;

test("through an outage (no answer, 502/503) every retry comes within 0.5 s, and never sooner than 50 ms", () => {
  for (const failure of [{}, { status: 503 }, { status: 502, retryAfterSeconds: 2 }, { status: 500 }]) {
    for (let n = 1; n <= 200; n++) {
      expect(pollRetryMs(n, failure, hi)).toBeLessThanOrEqual(OUTAGE_RETRY_CAP_MS);
      expect(pollRetryMs(n, failure, lo)).toBeGreaterThanOrEqual(50);
    }
  }
  // no hammering once the outage lasts: from the fourth failure on, at least 250 ms apart (≤ 4 requests a second)
  expect(pollRetryMs(4, { status: 503 }, lo)).toBe(250);
  expect(pollRetryMs(50, {}, lo)).toBe(250);
  // jittered: two processes that lost the server together do not retry in step
  expect(pollRetryMs(10, {}, lo)).not.toBe(pollRetryMs(10, {}, hi));
});

test("a configuration error (401, 404) backs off to 15 s; 429 honours Retry-After", () => {
  expect(pollRetryMs(1, { status: 401 }, lo)).toBe(250);
  expect(pollRetryMs(20, { status: 401 }, hi)).toBeLessThanOrEqual(15_000);
  expect(pollRetryMs(20, { status: 404 }, lo)).toBe(7_500);
  expect(pollRetryMs(1, { status: 429, retryAfterSeconds: 5 }, lo)).toBe(5_000);
  expect(pollRetryMs(1, { status: 429, retryAfterSeconds: 3600 }, lo)).toBe(60_000);
});

const snapshot = (killSwitch: boolean): SnapshotWire => ({
  version: killSwitch ? "v-kill" : "v-open",
  features: {
    "kill-me": {
      fallback_action: "block",
      fallback_model: null,
      kill_switch: killSwitch,
      kill_switch_reason: killSwitch ? "set during the outage" : null,
      anomaly_active: false,
      freemium_throttle: false,
      team: null,
      estimate_usd: null,
    },
  },
  default_estimate_usd: "0.001",
  hard_budgets: [],
  trapped_tenants: [],
});

test("a kill switch set during an outage blocks within ~0.5 s of Spendline answering again", async () => {
  // the balancer answers 503 for six polls (no ready instance), then the snapshot with the kill switch
  const calls: number[] = [];
  const sdk = createSpendline({
    url: "http://spendline.invalid",
    apiKey: "k",
    initialWaitMs: 10_000,
    onError: () => undefined,
    fetch: async () => {
      calls.push(Date.now());
      if (calls.length <= 6) return new Response("no server available", { status: 503, headers: { "retry-after": "2" } });
      return new Response(JSON.stringify(snapshot(true)), { status: 200, headers: { etag: '"v-kill"' } });
    },
  });
  const t0 = Date.now();
  const d = await sdk.guard({ feature: "kill-me", model: "gpt-4o" });
  const took = Date.now() - t0;
  await sdk.shutdown({ timeoutMs: 1_000 });
  expect(d.decision).toBe("block");
  // six retries at ≤ 0.1 + 0.2 + 0.4 + 0.5 + 0.5 + 0.5 s (the old schedule took ≥ 15 s)
  expect(took).toBeLessThan(4_000);
  const gaps = calls.slice(1).map((c, i) => c - calls[i]);
  expect(Math.max(...gaps)).toBeLessThan(OUTAGE_RETRY_CAP_MS + 400); // + timer slack on a loaded machine
});
