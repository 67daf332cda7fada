import { expect, test } from "vitest";
import { MAX_RECONNECT_MS, reconnectDelayMs } from "./pg-notify";

test("the LISTEN connection retries within half a second through a failover, jittered, never in a tight loop", () => {
  for (let attempt = 0; attempt < 100; attempt++) {
    expect(reconnectDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(MAX_RECONNECT_MS);
    expect(reconnectDelayMs(attempt, () => 0)).toBeGreaterThanOrEqual(50);
  }
  expect(MAX_RECONNECT_MS).toBeLessThanOrEqual(500);
  expect(reconnectDelayMs(10, () => 0)).toBe(250);
});
